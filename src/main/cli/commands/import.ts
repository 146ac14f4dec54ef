import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { CountrySchema, MAX_HEADER_ROW, type ImportCommitResult, type ImportProblemView, type ImportStatus, type ImportTargetInput } from '../../../shared/rpc/methods/import';
import type { ImportService, StartImport } from '../../services/import-service';
import { decodeTextPieces, isZip, type TextPieces } from '../../import/decode';
import { MAX_IMPORT_BYTES } from '../../import/limits';
import { looksLikeHeader } from '../../import/header';
import { registerImportBatchCommands } from './importBatches';
import { errorRowsSummary } from '../../../shared/domain/importRows';

export interface ImportCommandDeps {
  /** The import service of the CLI's app context. The CLI calls it directly, not over RPC: a
   * file is read by path inside the worker thread (no 64 MB RPC body cap, no copy in main),
   * and reading by path is deliberately not offered to the renderer. */
  imports: () => ImportService;
  /** Start the import's worker thread before {@link imports} opens the database, so the two overlap. */
  prestart?: () => void;
  out(text: string): void;
  /** Resolves once standard output has room again (a pipe read slowly); absent, output never waits. */
  drain?: () => Promise<void>;
  json: () => boolean;
}

interface ImportOptions {
  port?: string;
  newPort?: string;
  groupBy?: string;
  country: string;
  dryRun?: boolean;
  strict?: boolean;
  sheet?: string;
  headerRow?: HeaderRowChoice;
}

/** `--header-row`: a row number, or none (every row is data). */
type HeaderRowChoice = { headerRow: number } | { hasHeader: false };

function parseHeaderRow(value: string): HeaderRowChoice {
  if (value.trim().toLowerCase() === 'none') return { hasHeader: false };
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < 1 || n > MAX_HEADER_ROW) {
    throw new InvalidArgumentError(`Give a row number from 1 to ${MAX_HEADER_ROW.toLocaleString('en-US')} (as the spreadsheet numbers it), or none`);
  }
  return { headerRow: n };
}

/**
 * All of standard input, as one buffer: its chunks are kept as read (not copied) and joined once.
 * Refused as soon as it passes the size of the largest file an import reads.
 */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_IMPORT_BYTES) {
      process.stdin.destroy();
      const mb = MAX_IMPORT_BYTES / (1024 * 1024);
      throw new AppError('FILE', `Standard input holds more than ${mb} MB; imports are limited to ${mb} MB. Split it, or remove columns that are not needed.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Standard input is a file when it is a workbook or a CSV with a header row, and otherwise
 * text to read like a paste (an e-mail piped in: every number and range in it is found). Either
 * reaches the worker as bytes, decoded there a piece at a time: the text is never one string.
 */
function stdinSource(bytes: Uint8Array): StartImport['source'] {
  const file = { kind: 'file' as const, name: 'standard input', bytes };
  if (isZip(bytes)) return file;
  const decoded = decodeTextPieces(bytes);
  if (!decoded.ok) return file;
  // The first non-blank line, in the first piece read (256 KB).
  const first = /^[^\S\r\n]*\S[^\r\n]*/m.exec(decoded.pieces().next() ?? '')?.[0] ?? '';
  const cells = first.split(/[,;|\t]/);
  if (cells.length > 1 && looksLikeHeader(cells)) return file;
  // A paste is handed over as UTF-8: standard input's own bytes when they are, else re-encoded.
  return { kind: 'paste', utf8: decoded.encoding === 'utf-8' ? bytes : utf8Of(decoded.pieces()) };
}

function utf8Of(text: TextPieces): Uint8Array {
  const parts: Buffer[] = [];
  for (let piece = text.next(); piece !== undefined; piece = text.next()) parts.push(Buffer.from(piece, 'utf8'));
  return Buffer.concat(parts);
}

function targetOf(opts: ImportOptions, file: string): ImportTargetInput {
  const given = [opts.port, opts.newPort, opts.groupBy].filter((v) => v !== undefined).length;
  if (given > 1) throw new AppError('VALIDATION', 'Choose one of --port, --new-port and --group-by');
  if (opts.port) return { kind: 'existing', portId: opts.port };
  if (opts.groupBy) return { kind: 'group' };
  const name = (opts.newPort ?? `Import of ${file === '-' ? 'standard input' : basename(file)}`).trim();
  if (!name) throw new AppError('VALIDATION', '--new-port needs a name');
  return { kind: 'new', name };
}

/** Rows of the problems list read at a time; each page is printed before the next is read. */
const PROBLEM_PAGE = 1_000;
/**
 * Rows with problems that are read ahead while the import is written, when there are no more
 * (a few MB). A longer list is read after the write, as before: a large import's memory peaks
 * during its write (a million rows, 70,000 problems), and main then holds nothing more.
 */
const READ_AHEAD_PROBLEMS = 10_000;

/**
 * Every problem of a checked import, a page at a time: the file's and the groups', then the
 * rows' in file order. Only a page's problems are held, never the row views or the whole list.
 */
function* problemPages(imports: ImportService, status: ImportStatus): Generator<ImportProblemView[]> {
  yield [...status.problems, ...(status.groups ?? []).flatMap((g) => g.problems)];
  for (let offset = 0; ; offset += PROBLEM_PAGE) {
    const page = imports.problems(status.jobId, offset, PROBLEM_PAGE);
    yield page.problems;
    if (offset + PROBLEM_PAGE >= page.total) return;
  }
}

/** A page of problems as printed: a string each (a --json one spans lines), and how many are errors. */
interface PrintedPage {
  items: string[];
  errors: number;
}

/** A problem as an element of --json's `problems` array, indented as JSON.stringify(report, null, 2) does. */
const jsonItem = (p: ImportProblemView) => `    ${JSON.stringify(p, null, 2).replace(/\n/g, '\n    ')}`;
const textItem = (p: ImportProblemView) => `${p.severity === 'error' ? 'skipped' : 'warning'}: ${p.message}`;

function* printedPages(pages: Iterable<ImportProblemView[]>, item: (p: ImportProblemView) => string): Generator<PrintedPage> {
  for (const page of pages) yield { items: page.map(item), errors: page.filter((p) => p.severity === 'error').length };
}

/**
 * Read every page, ready to print, while `until` (the write) runs, a turn of the event loop
 * each: the write runs in the import's worker thread, so this one reads and renders the problems
 * meanwhile instead of after it. Returns the pages read, then any left when `until` settled.
 */
async function readAhead(pages: Iterator<PrintedPage>, until: Promise<unknown>): Promise<Iterable<PrintedPage>> {
  let settled = false;
  void until.then(
    () => (settled = true),
    () => (settled = true),
  );
  const held: PrintedPage[] = [];
  let last: IteratorResult<PrintedPage> | undefined;
  while (!settled) {
    last = pages.next();
    if (last.done) break;
    held.push(last.value);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ended = last?.done === true;
  return (function* () {
    yield* held;
    if (ended) return;
    for (let next = pages.next(); !next.done; next = pages.next()) yield next.value;
  })();
}

/** Prints whole lines, waiting whenever standard output asks to (a pipe read slowly). */
type PrintLines = (lines: string[]) => Promise<void>;

interface Report {
  file: string;
  dryRun: boolean;
  status: ImportStatus;
  imported: ImportCommitResult | null;
  refusal: AppError | null;
  problems: Iterable<PrintedPage>;
}

/** The report as `JSON.stringify(report, null, 2)` prints it, its problems array streamed last. */
async function printJson(report: Report, print: PrintLines): Promise<void> {
  const head = { file: report.file, dryRun: report.dryRun, counts: report.status.counts, imported: report.imported, refused: report.refusal?.message ?? null, problems: [] };
  const whole = JSON.stringify(head, null, 2);
  // `whole` ends with the empty array (`  "problems": []` and `}`); a problem opens it instead.
  const opening = `${whole.slice(0, -'[]\n}'.length)}[`;
  // Each problem waits for the next one, which decides whether it ends with a comma.
  let held: string | null = null;
  for (const page of report.problems) {
    const lines: string[] = [];
    for (const item of page.items) {
      lines.push(held === null ? opening : `${held},`);
      held = item;
    }
    await print(lines);
  }
  await print(held !== null ? [held, '  ]', '}'] : [whole]);
}

/** The report as lines: the counts, each problem, then what was written. */
async function printText(report: Report, print: PrintLines): Promise<void> {
  await print([countsLine(report.status)]);
  let skipped = 0;
  for (const page of report.problems) {
    skipped += page.errors;
    await print(page.items);
  }
  const { imported } = report;
  if (imported) {
    const where = imported.ports.map((p) => `"${p.name}" (${p.portId}, ${p.numbers})`).join(', ');
    await print([`Imported ${imported.numbers} number(s) into ${imported.ports.length} port(s): ${where}. Import id ${imported.batchId} (undo: portdesk import undo ${imported.batchId}).`]);
  } else if (report.dryRun) {
    await print([`Dry run: nothing was written${skipped ? `; ${skipped} problem(s) would skip rows` : ''}.`]);
  }
}

function countsLine(status: ImportStatus): string {
  const c = status.counts!;
  const rowsNote = errorRowsSummary(c);
  return `${c.rows} row(s): ${c.valid} valid number(s), ${c.invalid} invalid, ${c.duplicates} duplicate(s), ${c.twoOwners > 0 ? `${c.twoOwners} listed under two customers (not imported), ` : ''}${c.inOpenPort} already in an open port${rowsNote ? `; ${rowsNote}` : ''}`;
}

/**
 * `portdesk import FILE|-`: imports the valid rows and reports every skipped row with its
 * reason; `--strict` refuses the whole file when any row has an error; `--dry-run` writes
 * nothing. Exit code 1 with one line on stderr when the file or the options are refused.
 * The output names the import's id (`imported.batchId` in --json) for `portdesk import undo`.
 */
export function registerImportCommand(program: Command, deps: ImportCommandDeps): void {
  const importCommand = program
    .command('import <file>')
    .description('import numbers from a CSV/TSV/XLSX file, or - for standard input (text or CSV)')
    .option('--port <id>', 'add every number to this existing port')
    .option('--new-port <name>', 'create one port with this name (default: "Import of FILE")')
    .option('--group-by <column>', 'one new port per value of this column (header or 1-based position)')
    .option('--country <cc>', 'country for numbers written without +', 'US')
    .option('--sheet <name>', 'sheet of an XLSX workbook (default: the first)')
    .option('--header-row <n|none>', 'the header is row N (as the spreadsheet numbers it; rows above are skipped), or none: every row is data (default: found under any title rows)', parseHeaderRow)
    .option('--dry-run', 'check and report only; write nothing')
    .option('--strict', 'refuse the whole file when any row has a problem')
    .action(async (file: string, opts: ImportOptions) => {
      deps.prestart?.();
      const country = CountrySchema.safeParse(opts.country);
      if (!country.success) throw new AppError('VALIDATION', `--country "${opts.country}" is not a country code libphonenumber knows (use two letters, e.g. US)`);
      const target = targetOf(opts, file);
      const imports = deps.imports();
      // The grouping column is applied to the mapping chosen on the file's first rows, so the
      // file is read once (an unknown column fails the run like an unreadable file).
      const { jobId } = imports.start({
        source: file === '-' ? stdinSource(await readStdin()) : { kind: 'path', path: file },
        country: country.data,
        target,
        ...(opts.sheet ? { sheet: opts.sheet } : {}),
        ...opts.headerRow,
        ...(opts.groupBy ? { groupBy: opts.groupBy } : {}),
        // Committed as soon as it is read: its numbers are written meanwhile.
        ...(opts.dryRun ? {} : { writeAsRead: true }),
      });
      const status = await imports.status(jobId, true);
      if (status.state === 'failed') throw new AppError(status.error?.code === 'FILE' ? 'FILE' : 'VALIDATION', status.error?.message ?? 'The file could not be read');
      let imported: ImportCommitResult | null = null;
      let refusal: AppError | null = null;
      try {
        // The rows stay staged through the write (keepRows), so a short problems list is read
        // and rendered while the worker thread writes, and printed after it.
        const written = opts.dryRun ? null : imports.commit(status.jobId, { strict: opts.strict === true, keepRows: true });
        const pages = printedPages(problemPages(imports, status), deps.json() ? jsonItem : textItem);
        const few = imports.problems(status.jobId, 0, 0).total <= READ_AHEAD_PROBLEMS;
        const problems = written && few ? await readAhead(pages, written) : pages;
        if (written) {
          try {
            imported = await written;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            refusal = err;
          }
        }
        const print: PrintLines = async (lines) => {
          if (lines.length === 0) return;
          deps.out(lines.join('\n'));
          await deps.drain?.();
        };
        const report: Report = { file, dryRun: opts.dryRun === true, status, imported, refusal, problems };
        await (deps.json() ? printJson(report, print) : printText(report, print));
      } finally {
        imports.cancel(status.jobId);
      }
      if (refusal) throw refusal;
    });
  // Commander dispatches to a subcommand when the first operand names one, so a file called
  // "undo" or "list" in the current directory is imported as ./undo or ./list.
  registerImportBatchCommands(importCommand, deps);
}
