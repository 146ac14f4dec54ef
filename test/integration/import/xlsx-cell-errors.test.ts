import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import type { ImportStatus } from '../../../src/shared/rpc/methods/import';
import { cli, tableCounts } from '../../support/cli';
import { tempDir } from '../../support/temp';

let ctx: AppContext | undefined;
afterEach(() => ctx?.close());

/**
 * A customer sheet with the cells a specialist meets: B3 a formula Excel never calculated (no
 * saved value), C4 and D4 #N/A, D2 another formula with no saved value. "Total" and "Notes" are
 * columns PortDesk does not map.
 */
async function customerSheet(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ports');
  ws.addRow(['Number', 'Carrier', 'Notes', 'Total']);
  ws.addRow([2025550100, 'Verizon', 'main line', { formula: 'SUM(1,2)' }]);
  ws.addRow([{ formula: '2025550000+101' }, 'Verizon', '', 3]);
  ws.addRow([2025550102, { formula: 'NA()', result: { error: '#N/A' } }, 'fax', { formula: 'NA()', result: { error: '#N/A' } }]);
  ws.addRow([2025550103, 'Verizon', '', 7]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function open(): AppContext {
  ctx = createAppContext({ dbPath: join(tempDir(), 'import.db'), shell: 'cli' });
  return ctx;
}

const statuses = (c: AppContext, status: ImportStatus) => c.imports.rows(status.jobId, 0, 100, 'all').rows.map((r) => [r.row, r.status, r.problems.map((p) => [p.code, p.column, p.message])]);

describe('cell errors in a workbook', () => {
  it('are problems of their row in a mapped column (the row is left out), and one warning in a column not mapped; the rest imports', async () => {
    const c = open();
    const status = await c.imports.preview({ source: { kind: 'file', name: 'customer.xlsx', bytes: await customerSheet() }, country: 'US', target: { kind: 'new', name: 'Acme' } });
    expect(status.state).toBe('ready');
    expect(status.table?.mapping.fields).toEqual(['number', 'losingCarrier', null, null]);
    expect(statuses(c, status)).toEqual([
      [2, 'ok', []],
      [3, 'error', [['cell-formula-no-result', 'Number', 'Cell A3 holds the formula =2025550000+101 with no saved value: open and save the file in Excel, or paste the values']]],
      [4, 'error', [['cell-formula-error', 'Carrier', 'Cell B4 (=NA()) evaluates to #N/A']]],
      [5, 'ok', []],
    ]);
    // The unmapped column's cells: one warning for the file, naming the column, never an error.
    expect(status.problems.map((p) => [p.severity, p.code, p.column, p.message])).toEqual([
      ['warning', 'cell-ignored', 'Total', 'Cells D2 and D4 of "Total" hold a formula with no saved value or an error value (such as #N/A); "Total" is not imported, so they are ignored'],
    ]);
    expect(status.counts).toMatchObject({ rows: 4, valid: 2, invalid: 1, rowsOk: 2, rowsWithErrors: 2 });

    // Row 4's number is real but its carrier is unknown: the row is left out, never imported with a made-up carrier.
    const result = await c.imports.commit(status.jobId);
    expect(result).toMatchObject({ numbers: 2, skippedRows: 2 });
    const [port] = c.ports.list();
    expect(port).toMatchObject({ name: 'Acme', numberCount: 2, losingCarrier: 'Verizon' });
    expect(c.repos.numbers.list(port!.id).map((n) => n.e164).sort()).toEqual(['+12025550100', '+12025550103']);
  });

  it('follow the mapping: a column mapped in the preview makes its cell errors row problems, one unmapped makes them a warning', async () => {
    const c = open();
    const { jobId } = c.imports.start({ source: { kind: 'file', name: 'customer.xlsx', bytes: await customerSheet() }, country: 'US', target: { kind: 'new', name: 'Acme' } });
    await c.imports.status(jobId, true);
    c.imports.remap(jobId, { mapping: { fields: ['number', null, null, 'customerReference'], groupBy: null } });
    const status = await c.imports.status(jobId, true);
    expect(status.state).toBe('ready');
    expect(statuses(c, status).map(([row, s, problems]) => [row, s, (problems as string[][]).map((p) => p[1])])).toEqual([
      [2, 'error', ['Total']],
      [3, 'error', ['Number']],
      [4, 'error', ['Total']],
      [5, 'ok', []],
    ]);
    expect(status.problems.map((p) => [p.code, p.column, p.message])).toEqual([
      ['cell-ignored', 'Carrier', 'Cell B4 of "Carrier" holds an error value (such as #N/A); "Carrier" is not imported, so it is ignored'],
    ]);
    await expect(c.imports.commit(jobId)).resolves.toMatchObject({ numbers: 1, skippedRows: 3 });
  });

  it('a row fixed in place keeps the error of a broken cell the fix did not change, and loses the one it replaced', async () => {
    const c = open();
    const status = await c.imports.preview({ source: { kind: 'file', name: 'customer.xlsx', bytes: await customerSheet() }, country: 'US', target: { kind: 'new', name: 'Acme' } });
    const row4 = c.imports.rows(status.jobId, 2, 1, 'all').rows[0]!;
    const notes = c.imports.fixRow(status.jobId, 4, row4.cells.map((cell, i) => (i === 2 ? 'fax line' : cell)));
    expect(notes.row).toMatchObject({ status: 'error', problems: [expect.objectContaining({ code: 'cell-formula-error', column: 'Carrier' })] });
    const carrier = c.imports.fixRow(status.jobId, 4, row4.cells.map((cell, i) => (i === 1 ? 'Verizon' : cell)));
    expect(carrier.row).toMatchObject({ status: 'ok', problems: [] });
    await expect(c.imports.commit(status.jobId)).resolves.toMatchObject({ numbers: 3, skippedRows: 1 });
  });
});

describe('a row whose only content is a broken cell in a column not mapped', () => {
  it('is reported as that, not as a row with no number, and imports nothing; the other rows import as before', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ports');
    ws.addRow(['Number', 'Carrier', 'Notes', 'Total']);
    ws.addRow([2025550100, 'Verizon', 'main line', 3]);
    ws.addRow([null, null, null, { formula: 'NA()', result: { error: '#N/A' } }]);
    ws.addRow([2025550103, 'Verizon', '', 7]);
    // Readable content with no number stays "no number".
    ws.addRow([null, null, 'call back', { formula: 'NA()', result: { error: '#N/A' } }]);
    const c = open();
    const status = await c.imports.preview({ source: { kind: 'file', name: 'customer.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }, country: 'US', target: { kind: 'new', name: 'Acme' } });
    expect(status.state).toBe('ready');
    expect(status.table?.mapping.fields).toEqual(['number', 'losingCarrier', null, null]);
    expect(statuses(c, status)).toEqual([
      [2, 'ok', []],
      [3, 'error', [['number-missing', 'Number', 'Row 3: nothing to import; its only content is cell D3 of "Total", which holds an error value (such as #N/A), and "Total" is not imported']]],
      [4, 'ok', []],
      [5, 'error', [['number-missing', 'Number', 'Row 5: no number in "Number"']]],
    ]);
    expect(status.problems.map((p) => [p.severity, p.code, p.column, p.message])).toEqual([
      ['warning', 'cell-ignored', 'Total', 'Cells D3 and D5 of "Total" hold an error value (such as #N/A); "Total" is not imported, so they are ignored'],
    ]);
    expect(status.counts).toMatchObject({ rows: 4, valid: 2, rowsOk: 2, rowsWithErrors: 2 });
    await expect(c.imports.commit(status.jobId)).resolves.toMatchObject({ numbers: 2, skippedRows: 2 });
  });
});

describe('portdesk import of a workbook with cell errors', () => {
  it('skips the rows with a broken mapped cell, warns once about the unmapped column, imports the rest (exit 0)', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const book = join(dir, 'customer.xlsx');
    writeFileSync(book, await customerSheet());
    const text = await cli(['--db', db, 'import', book, '--new-port', 'Acme']);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout.split('\n')).toEqual([
      '4 row(s): 2 valid number(s), 1 invalid, 0 duplicate(s), 0 already in an open port; 2 rows with errors skipped',
      'warning: Cells D2 and D4 of "Total" hold a formula with no saved value or an error value (such as #N/A); "Total" is not imported, so they are ignored',
      'skipped: Cell A3 holds the formula =2025550000+101 with no saved value: open and save the file in Excel, or paste the values',
      'skipped: Cell B4 (=NA()) evaluates to #N/A',
      expect.stringMatching(/^Imported 2 number\(s\) into 1 port\(s\): "Acme" \(.+, 2\)\. Import id /) as unknown as string,
    ]);
    expect(tableCounts(db)).toEqual({ ports: 1, numbers: 2, outbox: 1 });

    const json = await cli(['--db', join(dir, 'json.db'), '--json', 'import', book, '--dry-run']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { problems: { row: number; column: string | null; severity: string; code: string }[] };
    expect(report.problems.map((p) => [p.row, p.column, p.severity, p.code])).toEqual([
      [0, 'Total', 'warning', 'cell-ignored'],
      [3, 'Number', 'error', 'cell-formula-no-result'],
      [4, 'Carrier', 'error', 'cell-formula-error'],
    ]);
  }, 120_000);
});
