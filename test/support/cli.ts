import { runCli } from '../../src/main/cli/program';
import { openDatabase } from '../../src/main/db/connection';

/** Run the CLI in-process; resolves with its exit code and what it printed. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The CLI in-process on one database, its output as printed: each line ending in a newline. */
export async function cliOn(db: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--db', db, ...args], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env });
  return { code, out, err };
}

/** Row counts of the tables a failed command must leave untouched. */
export function tableCounts(dbPath: string): { ports: number; numbers: number; outbox: number } {
  const db = openDatabase(dbPath);
  const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  const result = { ports: count('ports'), numbers: count('numbers'), outbox: count('outbox') };
  db.close();
  return result;
}
