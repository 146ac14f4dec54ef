import { BIN } from '../support/cli-built';
import { runMeasured } from './harness';

/** `portdesk import FILE --group-by Customer` as a user runs it: wall time and peak RSS of the process. */
export async function cliImport(file: string, dbPath: string): Promise<{ ms: number; peakRssMb: number }> {
  const run = await runMeasured(process.execPath, [BIN, '--db', dbPath, '--json', 'import', file, '--group-by', 'Customer', '--country', 'US']);
  if (run.code !== 0) throw new Error(`portdesk import ${file} failed: ${run.stderr}`);
  return run;
}
