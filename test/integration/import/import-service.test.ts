import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import type { StartImport } from '../../../src/main/services/import-service';
import { tempDir } from '../../support/temp';

const FIXTURES = new URL('../../fixtures/import/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

let ctx: AppContext | undefined;
afterEach(() => ctx?.close());

function open(): AppContext {
  ctx = createAppContext({ dbPath: join(tempDir(), 'import.db'), shell: 'cli' });
  return ctx;
}

/** Every table's row count: the database is unchanged when these are equal before and after. */
function snapshot(c: AppContext): Record<string, number> {
  const tables = ['ports', 'numbers', 'events', 'outbox', 'import_batches', 'import_batch_ports'];
  return Object.fromEntries(tables.map((t) => [t, (c.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

function paste(text: string, extra: Partial<StartImport> = {}): StartImport {
  return { source: { kind: 'paste', text }, country: 'US', target: { kind: 'group' }, ...extra };
}

const GROUPED = ['Customer\tNumber\tCarrier', 'Acme\t202-555-0100\tVerizon', 'Acme\t(202) 555-0101\tVerizon', 'Globex\t2025550102\tAT&T', 'Globex\t12345\tAT&T', 'Globex\t202-555-0102\tAT&T'].join('\n');

describe('ImportService preview and commit', () => {
  it('previews without writing, then commits one port per group with outbox rows in one batch', async () => {
    const c = open();
    const before = snapshot(c);
    const status = await c.imports.preview(paste(GROUPED));
    expect(status.state).toBe('ready');
    expect(snapshot(c)).toEqual(before);
    expect(status.table?.mapping.fields).toEqual(['name', 'number', 'losingCarrier']);
    expect(status.counts).toMatchObject({ rows: 5, valid: 3, invalid: 1, duplicates: 1, rowsWithErrors: 1 });
    expect(status.groups?.map((g) => [g.name, g.numbers])).toEqual([['Acme', 2], ['Globex', 1]]);

    const problems = c.imports.rows(status.jobId, 0, 50, 'problems');
    expect(problems.rows.map((r) => r.row)).toEqual([5, 6]);
    expect(problems.rows[0]!.problems[0]!.message).toMatch(/^Row 5, Number: /);
    expect(problems.rows[1]!.problems[0]!.message).toBe('Row 6: +12025550102 is also on row 4; it is imported once');
    // The problems-only pages (the CLI's) say the same, a page of problem rows at a time.
    expect(c.imports.problems(status.jobId, 0, 50)).toEqual({ total: 2, problems: problems.rows.flatMap((r) => r.problems) });
    expect(c.imports.problems(status.jobId, 1, 1).problems.map((p) => p.row)).toEqual([6]);

    const result = await c.imports.commit(status.jobId);
    expect(result).toMatchObject({ numbers: 3, skippedRows: 1 });
    const ports = c.ports.list();
    expect(ports.map((p) => [p.name, p.numberCount, p.losingCarrier]).sort()).toEqual([['Acme', 2, 'Verizon'], ['Globex', 1, 'AT&T']]);
    const outbox = c.repos.outbox.list();
    expect(outbox.map((o) => o.op)).toEqual(['port.create', 'port.create']);
    const acme = outbox.find((o) => (o.payload as { fields: { name: string } }).fields.name === 'Acme')!;
    expect(Object.keys(acme.payload as object)).toEqual(['v', 'fields', 'numbers']);
    expect((acme.payload as { numbers: string[] }).numbers).toEqual(['+12025550100', '+12025550101']);
    expect(snapshot(c)).toMatchObject({ import_batches: 1, import_batch_ports: 2, events: 2 });
  });

  it('fixes a row in place: only that row is checked again, and the counts follow', async () => {
    const c = open();
    const status = await c.imports.preview(paste(GROUPED));
    const fixed = c.imports.fixRow(status.jobId, 5, ['Globex', '202-555-0199', 'AT&T']);
    expect(fixed.row).toMatchObject({ status: 'ok', numbers: [{ e164: '+12025550199', status: 'new' }] });
    expect(fixed.status.counts).toMatchObject({ valid: 4, invalid: 0, rowsWithErrors: 0 });
    expect(fixed.status.revision).toBeGreaterThan(status.revision);
    expect(() => c.imports.fixRow(status.jobId, 99, ['x'])).toThrow('Row 99 is not in this import');
  });

  it('flags numbers already on an open port and adds to an existing port without them', async () => {
    const c = open();
    const existing = c.ports.create({ fields: { name: 'Existing' }, numbers: ['2025550100'] });
    const other = c.ports.create({ fields: { name: 'Target' } });
    const status = await c.imports.preview(paste('2025550100\n2025550150\n2025550151', { target: { kind: 'existing', portId: other.id } }));
    expect(status.counts).toMatchObject({ inOpenPort: 1, valid: 2 });
    const rows = c.imports.rows(status.jobId, 0, 10, 'problems').rows;
    expect(rows[0]!.problems[0]!.message).toBe(`Row 1: +12025550100 is already in the open port "Existing" (${existing.id})`);
    const result = await c.imports.commit(status.jobId);
    expect(result.ports).toEqual([{ portId: other.id, name: 'Target', created: false, numbers: 2 }]);
    expect(c.ports.get(other.id).numbers.map((n) => n.e164)).toEqual(['+12025550150', '+12025550151']);
    expect(c.repos.outbox.list().at(-1)).toMatchObject({ op: 'port.numbers', payload: { add: ['+12025550150', '+12025550151'], remove: [] } });
  });

  it('strict mode refuses the whole import when a row has a problem, writing nothing', async () => {
    const c = open();
    const status = await c.imports.preview(paste(GROUPED));
    const before = snapshot(c);
    await expect(c.imports.commit(status.jobId, { strict: true })).rejects.toThrow(/^Strict import refused: 1 row\(s\) have a problem \(first: Row 5, Number: /);
    expect(snapshot(c)).toEqual(before);
  });

  it('is all or nothing: a number taken by another port since the preview rolls back every port', async () => {
    const c = open();
    const status = await c.imports.preview(paste(GROUPED));
    c.ports.create({ fields: { name: 'Sneaky' }, numbers: ['2025550102'] });
    const before = snapshot(c);
    await expect(c.imports.commit(status.jobId)).rejects.toThrow('Nothing was imported: already on another open port since the preview: +12025550102 (on "Sneaky")');
    expect(snapshot(c)).toEqual(before);
  });

  it('undoes a whole import while nothing was pushed, and refuses once a push was attempted', async () => {
    const c = open();
    const base = snapshot(c);
    const first = await c.imports.commit((await c.imports.preview(paste(GROUPED))).jobId);
    const undone = c.imports.undo(first.batchId);
    expect(undone.removedPorts).toHaveLength(2);
    expect(undone.removedNumbers).toBe(3);
    expect({ ...snapshot(c), import_batches: 0, import_batch_ports: 0 }).toEqual({ ...base, import_batches: 0, import_batch_ports: 0 });
    expect(() => c.imports.undo(first.batchId)).toThrow('was already undone');

    const second = await c.imports.commit((await c.imports.preview(paste(GROUPED))).jobId);
    c.db.prepare('UPDATE outbox SET attempts = 1 WHERE seq = (SELECT MIN(seq) FROM outbox)').run();
    const before = snapshot(c);
    expect(() => c.imports.undo(second.batchId)).toThrow(/^Cannot undo the import of pasted text: ".+" has already been sent to its remote/);
    expect(snapshot(c)).toEqual(before);
  });

  it('undo of numbers added to an existing port removes only those numbers and their outbox row', async () => {
    const c = open();
    const port = c.ports.create({ fields: { name: 'Keep' }, numbers: ['2025550170'] });
    const outboxBefore = c.repos.outbox.count();
    const result = await c.imports.commit((await c.imports.preview(paste('2025550171', { target: { kind: 'existing', portId: port.id } }))).jobId);
    c.imports.undo(result.batchId);
    expect(c.ports.get(port.id).numbers.map((n) => n.e164)).toEqual(['+12025550170']);
    expect(c.repos.outbox.count()).toBe(outboxBefore);
  });

  it('remembers the confirmed mapping for the next file of the same layout', async () => {
    const c = open();
    const text = 'Who\tWhat\nAcme\t2025550100';
    const first = await c.imports.preview(paste(text));
    expect(first.table?.mappingSource).toBe('guessed');
    // No column to group by: one new port named after the source.
    expect(first.target).toEqual({ kind: 'new', name: 'Import of pasted text' });
    expect(first.groups?.map((g) => g.name)).toEqual(['Import of pasted text']);
    const mapping = { fields: ['name' as const, 'number' as const], groupBy: 0 };
    c.imports.remap(first.jobId, { mapping, target: { kind: 'group' } });
    const remapped = await c.imports.status(first.jobId, true);
    expect(remapped.table?.mapping).toEqual(mapping);
    expect(remapped.groups?.map((g) => g.name)).toEqual(['Acme']);
    await c.imports.commit(first.jobId);
    const next = await c.imports.preview(paste('Who\tWhat\nGlobex\t2025550101'));
    expect(next.table).toMatchObject({ mapping, mappingSource: 'remembered' });
  });

  it('finds a CSV header under a title block, and takes the header row the specialist picks', async () => {
    const c = open();
    const csv = ['Ports for Acme Dental,,', 'Batch,Week 49,Chicago', 'Customer,Number,Carrier', 'Acme Dental,202-555-0100,Verizon', 'Acme Dental,202-555-0101,Verizon'].join('\n');
    const bytes = new TextEncoder().encode(csv);
    const status = await c.imports.preview({ source: { kind: 'file', name: 'acme.csv', bytes }, country: 'US', target: { kind: 'group' } });
    // "Batch, Week 49" reads as a header (words, then a row no wider): the specialist corrects it.
    expect(status.table).toMatchObject({ headerRow: 2, headers: ['Batch', 'Week 49', 'Chicago'] });
    expect(status.table?.headRows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    c.imports.remap(status.jobId, { headerRow: 3 });
    const picked = await c.imports.status(status.jobId, true);
    expect(picked.table).toMatchObject({ headerRow: 3, headers: ['Customer', 'Number', 'Carrier'] });
    expect(picked.table?.mapping.fields).toEqual(['name', 'number', 'losingCarrier']);
    expect(picked.counts).toMatchObject({ rows: 2, valid: 2 });
    c.imports.remap(status.jobId, { hasHeader: false });
    const none = await c.imports.status(status.jobId, true);
    expect(none.table).toMatchObject({ headerRow: null, hasHeader: false });
    expect(none.counts?.rows).toBe(5);
  });

  it('keeps fixes across a remap and can be cancelled without writing', async () => {
    const c = open();
    const status = await c.imports.preview(paste(GROUPED));
    c.imports.fixRow(status.jobId, 5, ['Globex', '202-555-0199', 'AT&T']);
    c.imports.remap(status.jobId, { target: { kind: 'new', name: 'All in one' } });
    const again = await c.imports.status(status.jobId, true);
    // One new port asked for, but two losing carriers: one port request per carrier.
    expect(again.groups?.map((g) => [g.name, g.numbers])).toEqual([
      ['All in one – Verizon', 2],
      ['All in one – AT&T', 2],
    ]);
    // Each row names the part it goes to (a split group's rows once showed a blank target).
    expect(c.imports.rows(status.jobId, 0, 10, 'all').rows.map((r) => [r.row, r.group])).toEqual([
      [2, 'All in one – Verizon'],
      [3, 'All in one – Verizon'],
      [4, 'All in one – AT&T'],
      [5, 'All in one – AT&T'],
      [6, 'All in one – AT&T'],
    ]);
    const before = snapshot(c);
    expect(c.imports.cancel(status.jobId)).toEqual({ canceled: true });
    expect(() => c.imports.rows(status.jobId, 0, 1, 'all')).toThrow(/No import in progress/);
    expect(snapshot(c)).toEqual(before);
  });
});

describe('ImportService bad input corpus', () => {
  it.each([
    ['empty.csv', 'The file is empty: there is nothing to import.'],
    ['binary-garbage.csv', 'This file contains binary data, not text'],
    ['renamed-pdf.csv', 'This file is a PDF document, not a CSV or text file.'],
  ])('%s fails with a specific message and writes nothing', async (name, message) => {
    const c = open();
    const before = snapshot(c);
    const status = await c.imports.preview({ source: { kind: 'file', name, bytes: fixture(name) }, country: 'US', target: { kind: 'group' } });
    expect(status.state).toBe('failed');
    expect(status.error?.message).toContain(message);
    await expect(c.imports.commit(status.jobId)).rejects.toThrow(message);
    expect(snapshot(c)).toEqual(before);
  });

  it.each([
    ['header-only.csv', 'The file has a header row but no data rows.'],
  ])('%s cannot be committed: %s', async (name, message) => {
    const c = open();
    const before = snapshot(c);
    const status = await c.imports.preview({ source: { kind: 'file', name, bytes: fixture(name) }, country: 'US', target: { kind: 'group' } });
    expect(status.problems.map((p) => p.message)).toContain(message);
    await expect(c.imports.commit(status.jobId)).rejects.toThrow(`Nothing was imported: ${message}`);
    expect(snapshot(c)).toEqual(before);
  });

  it.each([
    ['twenty-digits.csv', 'number-too-long'],
    ['letters.csv', 'number-letters'],
    ['vanity.csv', 'number-vanity'],
    ['mixed-countries.csv', 'number-other-country'],
    ['extensions.csv', 'number-extension'],
  ])('%s names the problem per row (%s)', async (name, code) => {
    const c = open();
    const status = await c.imports.preview({ source: { kind: 'file', name, bytes: fixture(name) }, country: 'US', target: { kind: 'new', name: 'T' } });
    expect(status.state).toBe('ready');
    const problems = c.imports.rows(status.jobId, 0, 1000, 'problems').rows.flatMap((r) => r.problems);
    const hit = problems.find((p) => p.code === code);
    expect(hit?.message).toMatch(/^Row \d+/);
  });

  it('reads an XLSX workbook (formulas, merged cells reported) and switches to another sheet', async () => {
    const c = open();
    const status = await c.imports.preview({ source: { kind: 'file', name: 'workbook.xlsx', bytes: fixture('workbook.xlsx') }, country: 'US', target: { kind: 'group' } });
    expect(status.table).toMatchObject({ format: 'xlsx', sheet: 'Numbers', sheets: ['Numbers', 'Other Sheet'] });
    const codes = [...status.problems, ...c.imports.rows(status.jobId, 0, 100, 'problems').rows.flatMap((r) => r.problems)].map((p) => p.code);
    expect(codes).toContain('cell-merged');
    c.imports.remap(status.jobId, { sheet: 'Other Sheet' });
    const other = await c.imports.status(status.jobId, true);
    expect(other.table?.sheet).toBe('Other Sheet');
  });

  it('shows the first rows of a large file before the worker has read it (the 300 ms budget is measured by the bench)', async () => {
    const c = open();
    const lines = ['Number,Customer', ...Array.from({ length: 100_000 }, (_, i) => `+1202${String(2_000_000 + i).padStart(7, '0')},C${i % 9}`)];
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const { jobId } = c.imports.start({ source: { kind: 'file', name: 'big.csv', bytes }, country: 'US', target: { kind: 'group' } });
    let status = await c.imports.status(jobId);
    for (let i = 0; i < 200 && !status.table; i++) status = await new Promise((r) => setTimeout(r, 5)).then(() => c.imports.status(jobId));
    // totalRows 0: these rows come from the head of the file, not from the worker.
    expect(status).toMatchObject({ state: 'reading', table: { totalRows: 0, mapping: { fields: ['number', 'name'] } } });
    expect(status.table?.preview[0]).toEqual({ row: 2, cells: ['+12022000000', 'C0'] });
    const done = await c.imports.status(jobId, true);
    expect(done.table?.totalRows).toBe(100_000);
  }, 120_000); // the worker reads 100k rows: seconds here, far longer on a loaded 2-core machine

  it('a cancelled file import leaves the database unchanged', async () => {
    const c = open();
    const before = snapshot(c);
    const lines = ['Number', ...Array.from({ length: 60_000 }, (_, i) => `+1202${String(2_000_000 + i).padStart(7, '0')}`)];
    const { jobId } = c.imports.start({ source: { kind: 'file', name: 'big.csv', bytes: new TextEncoder().encode(lines.join('\n')) }, country: 'US', target: { kind: 'new', name: 'Big' } });
    expect(c.imports.cancel(jobId)).toEqual({ canceled: true });
    // Nothing of the cancelled job can be written any more, and nothing of it was.
    await expect(c.imports.commit(jobId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(c.imports.status(jobId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(snapshot(c)).toEqual(before);
    // The same file imported again afterwards is read and written whole: the cancel left nothing behind.
    const again = await c.imports.preview({ source: { kind: 'file', name: 'big.csv', bytes: new TextEncoder().encode(lines.join('\n')) }, country: 'US', target: { kind: 'new', name: 'Big' } });
    expect(again.table?.totalRows).toBe(60_000);
    await c.imports.commit(again.jobId);
    expect(snapshot(c).numbers).toBe(before.numbers! + 60_000);
  }, 120_000);
});
