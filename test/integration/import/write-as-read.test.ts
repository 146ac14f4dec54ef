import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { holdWrite, openSiblingConnection, type Db } from '../../../src/main/db/connection';
import { ImportLayouts } from '../../../src/main/db/repos/import-layouts-repo';
import type { StartImport } from '../../../src/main/services/import-service';
import { tempDir } from '../../support/temp';

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const c of opened.splice(0)) c.close();
});

function open(name: string): { ctx: AppContext; file: string } {
  const file = join(tempDir(), `${name}.db`);
  const ctx = createAppContext({ dbPath: file, shell: 'cli', backgroundSync: false });
  opened.push(ctx);
  return { ctx, file };
}

function sibling(file: string): Db {
  const db = openSiblingConnection(file);
  opened.push(db);
  return db;
}

/** Whether another connection could start writing now (it waits for no one). */
function canWrite(db: Db): boolean {
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw err;
  }
}

/**
 * Every case where the plan differs from what the rows said one at a time: a duplicate within a
 * customer; Acme's row without a carrier joins its Verizon port (one named carrier: no split);
 * Globex splits by carrier, its blank-carrier row into a port of its own; 202-555-0105 is Initech's
 * until Umbrella lists it too (then neither's); 202-555-0199 is on an open port already; 12345 is
 * not a number.
 */
const CSV = [
  'Customer,Number,Carrier',
  'Acme,202-555-0110,',
  'Acme,202-555-0100,Verizon',
  'Acme,202-555-0101,Verizon',
  'Acme,202-555-0101,Verizon',
  'Globex,202-555-0102,AT&T',
  'Globex,202-555-0103,Sprint',
  'Globex,202-555-0104,',
  'Initech,202-555-0105,Verizon',
  'Initech,202-555-0106,Verizon',
  'Umbrella,202-555-0105,Verizon',
  'Umbrella,202-555-0199,Verizon',
  'Umbrella,12345,Verizon',
  'Umbrella,202-555-0107,Verizon',
].join('\n');

function start(text: string, extra: Partial<StartImport> = {}): StartImport {
  return { source: { kind: 'file', name: 'ports.csv', bytes: new TextEncoder().encode(text) }, country: 'US', target: { kind: 'group' }, groupBy: 'Customer', ...extra };
}

/** What an import wrote, without the ids and clocks that differ between two runs. */
function contents(ctx: AppContext) {
  const all = (sql: string) => ctx.db.prepare(sql).all();
  return {
    ports: ctx.ports.list().map((p) => [p.name, p.state, p.numberCount, p.losingCarrier]).sort(),
    numbers: all('SELECT p.name, n.e164, n.open, n.status, n.carrier FROM numbers n JOIN ports p ON p.id = n.port_id ORDER BY 1, 2'),
    orphans: all('SELECT port_id, e164 FROM numbers WHERE port_id NOT IN (SELECT id FROM ports)'),
    outbox: all('SELECT p.name, o.op, o.payload FROM outbox o JOIN ports p ON p.id = o.port_id ORDER BY 1, 2'),
    events: all('SELECT p.name, e.kind, e.message FROM events e JOIN ports p ON p.id = e.port_id ORDER BY 1, 2, 3'),
    batch: all('SELECT p.name, b.created, b.numbers FROM import_batch_ports b JOIN ports p ON p.id = b.port_id ORDER BY 1'),
  };
}

async function importBoth(text: string, prepare: (ctx: AppContext) => StartImport['target'] | void, extra: Partial<StartImport> = {}) {
  const runs = [];
  for (const writeAsRead of [false, true]) {
    const { ctx, file } = open(writeAsRead ? 'ahead' : 'usual');
    const target = prepare(ctx) ?? extra.target ?? { kind: 'group' };
    const status = await ctx.imports.preview(start(text, { ...extra, target, writeAsRead }));
    expect(status.state).toBe('ready');
    const problems = ctx.imports.problems(status.jobId, 0, 100);
    // Written ahead: the numbers are in the store, uncommitted, and it holds the write lock meanwhile.
    const other = sibling(file);
    expect(canWrite(other)).toBe(!writeAsRead);
    expect(other.prepare('SELECT COUNT(*) AS n FROM ports').get()).toEqual({ n: ctx.ports.list().length });
    const result = await ctx.imports.commit(status.jobId);
    expect(canWrite(other)).toBe(true);
    const run = { status: { ...status, jobId: '', progress: null }, problems, result, contents: contents(ctx) };
    runs.push(run);
  }
  const [usual, ahead] = runs;
  // Ids differ between two stores, and only they.
  const withoutIds = (run: unknown) => JSON.stringify(run).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID');
  expect(withoutIds(ahead)).toEqual(withoutIds(usual));
  return usual!;
}

describe('an import whose numbers are written while it is read (the CLI)', () => {
  it('writes exactly what the usual commit writes, whatever the plan changed once the whole file was read', async () => {
    const usual = await importBoth(CSV, (ctx) => void ctx.ports.create({ fields: { name: 'Open port' }, numbers: ['2025550199'] }));
    expect(usual.result.ports.map((p) => [p.name, p.numbers])).toEqual([
      ['Acme', 3],
      ['Globex – AT&T', 1],
      ['Globex – Sprint', 1],
      ['Globex – no losing carrier', 1],
      ['Initech', 1],
      ['Umbrella', 1],
    ]);
    expect(usual.contents.orphans).toEqual([]);
    expect(usual.status.counts).toMatchObject({ duplicates: 1, twoOwners: 1, inOpenPort: 1, invalid: 1 });
  });

  it('adds to an existing port, leaving out the numbers it already holds', async () => {
    let target = '';
    const usual = await importBoth(
      'Number\n2025550130\n2025550131\n2025550132',
      (ctx) => {
        target = ctx.ports.create({ fields: { name: 'Target' }, numbers: ['2025550131'] }).id;
        return { kind: 'existing', portId: target };
      },
      { groupBy: undefined },
    );
    expect(usual.result.ports.map((p) => [p.name, p.created, p.numbers])).toEqual([['Target', false, 2]]);
    expect(usual.status.counts).toMatchObject({ inTarget: 1, valid: 2 });
  });

  it('a refused commit or a cancel leaves nothing written and lets other connections write again', async () => {
    const { ctx, file } = open('refused');
    const other = sibling(file);
    const strict = await ctx.imports.preview(start(CSV, { writeAsRead: true }));
    expect(canWrite(other)).toBe(false);
    await expect(ctx.imports.commit(strict.jobId, { strict: true })).rejects.toThrow(/^Strict import refused/);
    expect(canWrite(other)).toBe(true);
    expect(other.prepare('SELECT COUNT(*) AS n FROM numbers').get()).toEqual({ n: 0 });

    const canceled = await ctx.imports.preview(start(CSV, { writeAsRead: true }));
    expect(canWrite(other)).toBe(false);
    ctx.imports.cancel(canceled.jobId);
    expect(canWrite(other)).toBe(true);
    expect(contents(ctx).numbers).toEqual([]);
  });

  it("leaves copying the WAL into the store's file to the worker thread, while main reports", async () => {
    const { ctx, file } = open('checkpoint');
    const text = ['Number', ...Array.from({ length: 5_000 }, (_, i) => `(202) 410-${String(i).padStart(4, '0')}`)].join('\n');
    const status = await ctx.imports.preview(start(text, { groupBy: undefined, target: { kind: 'new', name: 'Big' }, writeAsRead: true }));
    const before = statSync(file).size;
    expect((await ctx.imports.commit(status.jobId)).numbers).toBe(5_000);
    // Main's commit left the pages in the WAL (no automatic checkpoint); the worker copies them.
    for (let tries = 0; statSync(file).size < before + 200_000; tries++) {
      if (tries > 2_000) throw new Error(`the store's file stayed at ${statSync(file).size} bytes`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it("remembers the file's column layout in the import's own transaction: no write of main's after the commit", async () => {
    const { ctx } = open('layout');
    const inTransaction: boolean[] = [];
    const remember = ImportLayouts.prototype.remember;
    // After the commit, that write was the first past the WAL's threshold: SQLite copied the whole WAL on main.
    vi.spyOn(ImportLayouts.prototype, 'remember').mockImplementation(function (this: ImportLayouts, ...args) {
      inTransaction.push(ctx.db.inTransaction);
      return remember.apply(this, args);
    });
    const refused = await ctx.imports.preview(start(CSV, { writeAsRead: true }));
    await expect(ctx.imports.commit(refused.jobId, { strict: true })).rejects.toThrow(/^Strict import refused/);
    const status = await ctx.imports.preview(start(CSV, { writeAsRead: true }));
    await ctx.imports.commit(status.jobId);
    expect(inTransaction).toEqual([true]);
    expect(Object.keys(new ImportLayouts(ctx.db).all())).toHaveLength(1);
  });

  it("a held write's commit does not copy the WAL into the file, and restores the automatic checkpoint", () => {
    const { ctx, file } = open('held');
    // Any commit past 10 pages of WAL would copy them into the file, but for the hold.
    ctx.db.pragma('wal_autocheckpoint = 10');
    const before = statSync(file).size;
    const held = holdWrite(ctx.db)!;
    const port = ctx.ports.create({ fields: { name: 'Held' } });
    for (let i = 0; i < 5_000; i++) ctx.repos.numbers.insertIfFree(port.id, `+1202420${String(i).padStart(4, '0')}`);
    held.commit();
    expect(statSync(file).size).toBe(before);
    expect(ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10);
    expect(sibling(file).prepare('SELECT COUNT(*) AS n FROM numbers').get()).toEqual({ n: 5_000 });
  });

  it('writes the usual way when another connection is writing as the file is read', async () => {
    const { ctx, file } = open('busy');
    const other = sibling(file);
    other.exec('BEGIN IMMEDIATE');
    const status = await ctx.imports.preview(start(CSV, { writeAsRead: true }));
    other.exec('ROLLBACK');
    // Nothing was written ahead: the store is free, and the commit writes it all.
    expect(canWrite(other)).toBe(true);
    const result = await ctx.imports.commit(status.jobId);
    expect(result.numbers).toBe(9);
    expect(contents(ctx).numbers).toHaveLength(9);
  });

  it('a fix in place drops what was written ahead, and the commit writes the fixed rows', async () => {
    const { ctx, file } = open('fixed');
    const other = sibling(file);
    const status = await ctx.imports.preview(start(CSV, { writeAsRead: true }));
    expect(canWrite(other)).toBe(false);
    ctx.imports.fixRow(status.jobId, 13, ['Umbrella', '202-555-0108', 'Verizon']);
    expect(canWrite(other)).toBe(true);
    const result = await ctx.imports.commit(status.jobId);
    expect(result.numbers).toBe(10);
    expect(contents(ctx).numbers.map((n) => (n as { e164: string }).e164)).toContain('+12025550108');
  });
});
