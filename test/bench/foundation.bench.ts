import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createAppContext } from '../../src/main/app-context';
import { ratioAtMost, timeMs, type BenchResult } from './harness';

const COUNT = 100_000;

/** 100k distinct, valid US numbers in E.164 (NANP exchanges 200-999, lines 0000-9999). */
function numbers(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const exchange = 200 + Math.floor(i / 10_000);
    out.push(`+1202${exchange}${String(i % 10_000).padStart(4, '0')}`);
  }
  return out;
}

/**
 * Insert 100k numbers through the service layer (validation, uniqueness, timeline, outbox) vs a
 * raw better-sqlite3 transaction inserting the same rows into the same schema.
 */
export async function benchFoundation(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-bench-'));
  try {
    const list = numbers(COUNT);
    let run = 0;
    const service = await timeMs(() => {
      const ctx = createAppContext({ dbPath: join(dir, `service-${run++}.db`), shell: 'cli' });
      const port = ctx.ports.create({ fields: { name: 'Bench' } });
      ctx.ports.addNumbers(port.id, list);
      ctx.close();
    }, 3);
    const raw = await timeMs(() => {
      const ctx = createAppContext({ dbPath: join(dir, `raw-${run++}.db`), shell: 'cli' });
      ctx.close();
      const db = new Database(join(dir, `raw-${run - 1}.db`));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES ('p', 'Bench', 'unconfirmed', 0, 0)").run();
      const insert = db.prepare("INSERT INTO numbers (port_id, e164, status, carrier, open) VALUES ('p', ?, '', '', 1)");
      db.transaction(() => {
        for (const n of list) insert.run(n);
      })();
      db.close();
    }, 3);
    return [ratioAtMost('insert 100k numbers via service vs raw transaction', service, raw, 'ms', 2)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
