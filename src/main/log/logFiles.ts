import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Base name of the current log; rotated files are portdesk.1.log (newest) .. portdesk.N.log. */
export const LOG_BASENAME = 'portdesk';

/** Path of the log file with a rotation index (0 = the file being written). */
export function logFilePath(dir: string, index: number): string {
  return join(dir, index === 0 ? `${LOG_BASENAME}.log` : `${LOG_BASENAME}.${index}.log`);
}

/** Existing log files in `dir`, oldest first (highest rotation index first, current file last). */
export function listLogFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${LOG_BASENAME}(?:\\.(\\d+))?\\.log$`);
  return names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((e): e is { name: string; match: RegExpExecArray } => e.match !== null)
    .map((e) => ({ name: e.name, index: e.match[1] === undefined ? 0 : Number(e.match[1]) }))
    .sort((a, b) => b.index - a.index)
    .map((e) => join(dir, e.name));
}
