import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { Call, Run } from './run';
import type { AttachmentInfo } from '../../../shared/rpc/methods/documents';
import { attachmentTooLarge, describeSize, MAX_ATTACHMENT_BYTES } from '../../documents';
import { unprintableNote } from '../../../shared/domain/loaFonts';

export interface DocumentCommandDeps {
  run: Run;
  call: Call;
  out(text: string): void;
  /** Warnings that do not fail the command (stderr). */
  err(text: string): void;
  json(): boolean;
}

const KINDS = ['loa', 'bill', 'other'] as const;

/** `portdesk attach`, `portdesk attachments` and `portdesk loa`, over the same RPC methods as the UI. */
export function registerDocumentCommands(program: Command, deps: DocumentCommandDeps): void {
  program
    .command('attach <portId> <files...>')
    .description('attach PDF files (or PNG/JPEG images, converted to PDF) to a port')
    .addOption(new Option('--kind <kind>', 'kind of every file (default: guessed from each name)').choices(KINDS))
    .action(async (portId: string, files: string[], opts: { kind?: (typeof KINDS)[number] }) => {
      const attached: AttachmentInfo[] = [];
      const failed: string[] = [];
      // Each file is checked and attached on its own, so one bad scan does not hold back the rest.
      for (const file of files) {
        try {
          const bytes = await readInput(file);
          attached.push(await deps.call('attachments.add', { portId, filename: basename(file), contentBase64: bytes.toString('base64'), ...(opts.kind ? { kind: opts.kind } : {}) }));
        } catch (err) {
          if (!(err instanceof AppError) || err.code === 'NOT_FOUND') throw err;
          failed.push(`${file}: ${err.message}`);
        }
      }
      deps.out(deps.json() ? JSON.stringify({ attached, failed }, null, 2) : attached.map((a) => `Attached ${a.name} (${a.kind}, ${describeSize(a.size)}) as ${a.id}`).join('\n'));
      if (failed.length > 0) throw new AppError('FILE', `${failed.length} of ${files.length} file(s) not attached:\n${failed.join('\n')}`);
    });

  program
    .command('attachments <portId>')
    .description("list a port's attachments")
    .action((portId: string) => deps.run('attachments.list', { portId }, attachmentsTable));

  program
    .command('loa <portId>')
    .description("generate the port's Letter of Authorization; a complete one is also attached to the port")
    .requiredOption('--out <file.pdf>', 'where to write the PDF')
    .option('--draft', 'allow missing fields; the letter is watermarked DRAFT and not attached')
    .action(async (portId: string, opts: { out: string; draft?: boolean }) => {
      const result = await deps.call('loa.generate', { portId, draft: opts.draft === true });
      const bytes = Buffer.from(result.contentBase64, 'base64');
      await writeAtomically(opts.out, bytes);
      if (deps.json()) {
        deps.out(JSON.stringify({ out: opts.out, size: bytes.length, attachment: result.attachment }, null, 2));
      } else {
        const attached = result.attachment ? `; attached as ${result.attachment.name} (version ${result.attachment.version})` : ' (draft, not attached)';
        deps.out(`Wrote ${opts.out} (${describeSize(bytes.length)})${attached}`);
      }
      if (result.unprintable.length > 0) deps.err(unprintableNote(result.unprintable));
    });
}

function attachmentsTable(list: AttachmentInfo[]): string {
  if (list.length === 0) return 'No attachments';
  const rows = list.map((a) => [a.id, a.kind, `v${a.version}`, describeSize(a.size).replace(/ bytes.*\((.*)\)$/, ' $1').replace(/ bytes$/, ' B'), a.remoteName ? 'synced' : 'local', a.name]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** The file's bytes; one over the attachment limit is refused by its size, before it is read. */
async function readInput(file: string): Promise<Buffer> {
  try {
    const info = await stat(file);
    if (info.isFile() && info.size > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge(basename(file), info.size);
    return await readFile(file);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new AppError('FILE', `Cannot read ${file}: ${why}`);
  }
}

/** Write through a temp file and rename, so an interrupted run never leaves a truncated PDF. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw new AppError('FILE', `Cannot write ${file}: ${(err as Error).message}`);
  }
}
