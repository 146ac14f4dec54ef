import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ensureCliBuilt } from '../support/cli-built';
import { runMeasured, type BenchResult } from './harness';
import { HOSTILE_FILES, writeMail } from '../fixtures/hostile/make';

/** `cat FILE | portdesk import - --new-port Mail` as a user runs it (the built CLI): wall time and peak RSS of the process. */
async function pipedImport(file: string, db: string): Promise<{ ms: number; peakRssMb: number }> {
  const run = await runMeasured(process.execPath, [BIN, '--db', db, 'import', '-', '--new-port', 'Mail'], undefined, file);
  if (run.code !== 0) throw new Error(`portdesk import - failed: ${run.stderr}`);
  return run;
}

/**
 * A 60 MB e-mail (the hostile corpus' mail60mb) piped to `portdesk import -` and imported to committed: the peak RSS of the
 * process (main thread, worker, SQLite) against the same CLI importing a 1,000-line e-mail piped
 * the same way in the same run (the process floor).
 */
export async function benchPaste(): Promise<BenchResult[]> {
  await ensureCliBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-bench-paste-'));
  try {
    const floor = await pipedImport(writeMail(dir, 'mail-1k.txt', 1_000), join(dir, 'floor.db'));
    const mail = HOSTILE_FILES.mail60mb.build(dir);
    const run = await pipedImport(mail, join(dir, 'mail.db'));
    return [
      {
        name: `import a ${(statSync(mail).size / 1e6).toFixed(0)} MB e-mail (1,040,000 numbers) piped to portdesk import -: peak RSS of the process vs a 1,000-line e-mail (${Math.round(run.ms / 1000)} s)`,
        value: run.peakRssMb,
        unit: 'MB',
        baseline: floor.peakRssMb,
        ratio: run.peakRssMb / floor.peakRssMb,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
