import { fileURLToPath } from 'node:url';
import { runMeasured } from './harness';

/** The command line as installed: bin/portdesk.cjs running the built out/cli. */
export const BIN = fileURLToPath(new URL('../../bin/portdesk.cjs', import.meta.url));

/** `portdesk import FILE --group-by Customer` as a user runs it: wall time and peak RSS of the process. */
export async function cliImport(file: string, dbPath: string): Promise<{ ms: number; peakRssMb: number }> {
  const run = await runMeasured(process.execPath, [BIN, '--db', dbPath, '--json', 'import', file, '--group-by', 'Customer', '--country', 'US']);
  if (run.code !== 0) throw new Error(`portdesk import ${file} failed: ${run.stderr}`);
  return run;
}
