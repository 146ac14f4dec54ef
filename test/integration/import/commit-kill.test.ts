import { spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/connection';
import { createAppContext } from '../../../src/main/app-context';
import { cli } from '../../support/cli';
import { tempDir } from '../../support/temp';

const BIN = fileURLToPath(new URL('../../../bin/portdesk.cjs', import.meta.url));
const ROWS = 30_000;

/** 30,000 valid numbers of three customers: enough that the commit spills into the WAL before it ends. */
function bigCsv(dir: string): string {
  const lines = ['Customer,Number'];
  for (let i = 0; i < ROWS; i++) lines.push(`Customer ${i % 3},(202) ${300 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')}`);
  const file = join(dir, 'big.csv');
  writeFileSync(file, lines.join('\n'));
  return file;
}

function state(dbPath: string): { batches: number; ports: number; numbers: number; outbox: number } {
  const db = openDatabase(dbPath);
  const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  const result = { batches: count('import_batches'), ports: count('ports'), numbers: count('numbers'), outbox: count('outbox') };
  db.close();
  return result;
}

const walBytes = (dbPath: string) => (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);

describe('import commit in the worker thread', () => {
  it('a kill -9 while the import is written leaves all of it or none of it, and the same import then runs again', async () => {
    const dir = tempDir();
    const file = bigCsv(dir);
    const db = join(dir, 'killed.db');
    state(db); // created and migrated; closing checkpoints and removes the WAL
    expect(walBytes(db)).toBe(0);
    const child = spawn(process.execPath, [BIN, '--db', db, 'import', file, '--group-by', 'Customer'], {
      env: { ...process.env, PORTDESK_CLI_FROM_SOURCE: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let done = false;
    void exited.then(() => (done = true));
    // Previewing writes nothing to the store: the WAL grows once the commit's transaction spills into it.
    while (!done && walBytes(db) < 256 * 1024) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    await exited;

    const after = state(db);
    const reference = join(dir, 'reference.db');
    expect((await cli(['--db', reference, 'import', file, '--group-by', 'Customer'])).code).toBe(0);
    const whole = state(reference);
    expect(whole).toEqual({ batches: 1, ports: 3, numbers: ROWS, outbox: 3 });
    if (after.batches === 0) {
      // Killed before its transaction committed: nothing of it, and running it again writes it whole.
      expect(after).toEqual({ batches: 0, ports: 0, numbers: 0, outbox: 0 });
      expect((await cli(['--db', db, 'import', file, '--group-by', 'Customer'])).code).toBe(0);
    }
    expect(state(db)).toEqual(whole);
  }, 120_000);

  it('keeps the event loop turning while the import is written, and refuses to cancel it meanwhile', async () => {
    const dir = tempDir();
    const ctx = createAppContext({ dbPath: join(dir, 'loop.db'), shell: 'cli', backgroundSync: false });
    try {
      const text = Array.from({ length: 5_000 }, (_, i) => `(202) 400-${String(i).padStart(4, '0')}`).join('\n');
      const { jobId } = await ctx.imports.preview({ source: { kind: 'paste', text }, country: 'US', target: { kind: 'new', name: 'Loop' } });
      let turns = 0;
      const timer = setInterval(() => turns++, 0);
      const writing = ctx.imports.commit(jobId);
      expect(() => ctx.imports.cancel(jobId)).toThrow('This import is being written; it can be undone once written');
      const result = await writing;
      clearInterval(timer);
      expect(result.numbers).toBe(5_000);
      // Written on the worker's own connection, read here through main's.
      expect(ctx.repos.numbers.e164s(result.ports[0]!.portId)).toHaveLength(5_000);
      expect(turns).toBeGreaterThan(0);
    } finally {
      ctx.close();
    }
  }, 60_000);
});
