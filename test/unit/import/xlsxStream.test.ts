import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWorkbook, streamWorkbook } from '../../../src/main/import/xlsx';
import { readSource } from '../../../src/main/import/source';
import type { SourceRow, SourceTable } from '../../../src/main/import/table';
import { xlsx, zip } from '../../fixtures/hostile/make';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A workbook written by exceljs' streaming writer (shared strings, as Excel writes them). */
async function streamed(sheets: Record<string, (add: (values: unknown[]) => void) => void>): Promise<Uint8Array> {
  const file = join(dir, `${Object.keys(sheets).join('-')}-${Math.random().toString(36).slice(2)}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  for (const [name, fill] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    fill((values) => ws.addRow(values).commit());
    ws.commit();
  }
  await wb.commit();
  return readFileSync(file);
}

async function table(bytes: Uint8Array, options: Parameters<typeof parseWorkbook>[1] = {}): Promise<SourceTable> {
  const read = await parseWorkbook(bytes, options);
  if (!read.ok) throw new Error(read.error.message);
  return read.table;
}

const cells = (t: SourceTable) => t.rows.map((r) => r.cells);
/** The broken cells read, each with its row: the mapping decides what they mean, not the reader. */
const issues = (t: SourceTable) => t.rows.flatMap((r) => (r.issues ?? []).map((i) => [i.code, r.row, t.headers[i.col], i.cell, i.message]));

describe('XLSX read as a stream', () => {
  it('reads the first sheet by default, another by name, and lists them all', async () => {
    const bytes = await streamed({
      Ports: (add) => {
        add(['Number', 'Carrier']);
        add(['2025550100', 'Verizon']);
      },
      Archive: (add) => {
        add(['Number', 'Note']);
        add(['3125550199', 'old']);
        add(['3125550198', 'older']);
      },
    });
    const first = await table(bytes);
    expect(first).toMatchObject({ format: 'xlsx', sheet: 'Ports', sheets: ['Ports', 'Archive'], headers: ['Number', 'Carrier'] });
    expect(cells(first)).toEqual([['2025550100', 'Verizon']]);
    const second = await table(bytes, { sheet: 'Archive' });
    expect(second).toMatchObject({ sheet: 'Archive', headers: ['Number', 'Note'] });
    expect(cells(second)).toEqual([['3125550199', 'old'], ['3125550198', 'older']]);
    const missing = await parseWorkbook(bytes, { sheet: 'Nope' });
    expect(!missing.ok && missing.error.message).toBe('The workbook has no sheet named "Nope"; its sheets are "Ports", "Archive".');
  });

  it('reads shared strings (zipped after the sheet, as Excel does) and inline strings (rich, escaped) alike', async () => {
    const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const richInline = (ref: string) => `<c r="${ref}" t="inlineStr"><is><r><t>Smith &amp; </t></r><r><t>Sons</t></r><rPh><t>sumisu</t></rPh></is></c>`;
    const shared = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
    const sst = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Number</t></si><si><t>Company</t></si><si><t>2025550100</t></si><si><r><t>Smith &amp; </t></r><r><t>Sons</t></r></si></sst>`;
    const fromInline = await table(xlsx(`<row r="1">${inline('A1', 'Number')}${inline('B1', 'Company')}</row><row r="2">${inline('A2', '2025550100')}${richInline('B2')}</row>`));
    const fromShared = await table(xlsx(`<row r="1">${shared('A1', 0)}${shared('B1', 1)}</row><row r="2">${shared('A2', 2)}${shared('B2', 3)}</row>`, sst));
    expect(cells(fromInline)).toEqual([['2025550100', 'Smith & Sons']]);
    expect(cells(fromShared)).toEqual(cells(fromInline));
    expect(fromShared.headers).toEqual(fromInline.headers);
  });

  it('gives numbers, dates, booleans and formula results as text, a result of 0 and an error result included', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Numbers');
    ws.addRow(['Number', 'FOC Date', 'Lines', 'Active', 'Check']);
    ws.addRow([2025550140, new Date(Date.UTC(2026, 11, 15)), { formula: 'E2-E2', result: 0 }, true, { formula: 'NA()', result: { error: '#N/A' } }]);
    ws.addRow([3125550100.5, new Date(Date.UTC(2027, 0, 2)), 12, false, 7]);
    ws.getColumn(2).numFmt = 'dd/mm/yyyy';
    const t = await table(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(cells(t)).toEqual([
      ['2025550140', '2026-12-15', '0', 'TRUE', ''],
      ['3125550100.5', '2027-01-02', '12', 'FALSE', '7'],
    ]);
    expect(issues(t)).toEqual([['cell-formula-error', 2, 'Check', 'E2', 'Cell E2 (=NA()) evaluates to #N/A']]);
    expect(t.problems).toEqual([]);
  });

  it('never makes up a value: a shared formula with no saved result is a problem of its cell', async () => {
    // exceljs writes B3:B4 as <f t="shared" si="0"/>, the formula's text only in B2 (it gives the
    // other cells back as { sharedFormula: 'B2' }): with no saved value, B3 read as "=undefined".
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Numbers');
    ws.addRow(['Number', 'Carrier', 'Check']);
    ws.addRow([2025550100, { formula: 'LOWER("Verizon")', shareType: 'shared', ref: 'B2:B4' }, { formula: 'NA()', shareType: 'shared', ref: 'C2:C3', result: { error: '#N/A' } }]);
    ws.addRow([2025550101, { sharedFormula: 'B2' }, { sharedFormula: 'C2', result: { error: '#N/A' } }]);
    ws.addRow([2025550102, { sharedFormula: 'B2', result: 'verizon' }]);
    const t = await table(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(cells(t)).toEqual([
      ['2025550100', '', ''],
      ['2025550101', '', ''],
      ['2025550102', 'verizon'],
    ]);
    expect(issues(t)).toEqual([
      ['cell-formula-no-result', 2, 'Carrier', 'B2', 'Cell B2 holds the formula =LOWER("Verizon") with no saved value: open and save the file in Excel, or paste the values'],
      ['cell-formula-error', 2, 'Check', 'C2', 'Cell C2 (=NA()) evaluates to #N/A'],
      ['cell-formula-no-result', 3, 'Carrier', 'B3', 'Cell B3 holds a formula with no saved value: open and save the file in Excel, or paste the values'],
      ['cell-formula-error', 3, 'Check', 'C3', 'Cell C3 (a formula) evaluates to #N/A'],
    ]);
  });

  it('never makes up a value: the cells a broken merged cell spans share its problem', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Numbers');
    ws.addRow(['Number', 'Carrier']);
    ws.addRow([2025550100, { formula: 'NA()', result: { error: '#N/A' } }]);
    ws.addRow([2025550101]);
    ws.addRow([2025550102, 'Verizon']);
    ws.mergeCells('B2:B3');
    const t = await table(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(cells(t)).toEqual([['2025550100', ''], ['2025550101', ''], ['2025550102', 'Verizon']]);
    expect(issues(t)).toEqual([
      ['cell-formula-error', 2, 'Carrier', 'B2', 'Cell B2 (=NA()) evaluates to #N/A'],
      ['cell-formula-error', 3, 'Carrier', 'B3', 'Cell B2 (=NA()) evaluates to #N/A'],
    ]);
  });

  it('never makes up a value: a value the workbook does not hold is a problem of its cell', async () => {
    // Written by other tools: an ISO date cell (exceljs reads "2026-12-15" as the number 2026), a
    // number or a date that is not one ("NaN"), a shared string the workbook lacks (an empty cell),
    // a time of day in a date column (as a date, 1899-12-30).
    const styles = `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const c = (ref: string, attributes: string, v: string) => `<c r="${ref}" ${attributes}><v>${v}</v></c>`;
    const rows = [
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Number</t></is></c><c r="B1" t="inlineStr"><is><t>FOC Date</t></is></c></row>`,
      `<row r="2">${c('A2', '', '2025550100')}${c('B2', 't="d"', '2026-12-15T00:00:00Z')}</row>`,
      `<row r="3">${c('A3', '', '20255501O3')}${c('B3', 't="d"', 'soon')}</row>`,
      `<row r="4">${c('A4', 't="s"', '7')}${c('B4', 's="1"', '0.5')}</row>`,
      `<row r="5">${c('A5', '', '2025550105')}${c('B5', 's="1"', '-3')}</row>`,
    ].join('');
    const sst = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>`;
    const odd = await table(xlsx(rows, sst, { styles }));
    expect(cells(odd)).toEqual([
      ['2025550100', '2026-12-15'],
      ['', ''],
      ['', '12:00'],
      ['2025550105', ''],
    ]);
    expect(issues(odd).map(([code, row, column, , message]) => [code, row, column, message])).toEqual([
      ['cell-unreadable', 3, 'Number', 'Cell A3 holds "20255501O3" as a number, which is not one: the workbook may be damaged. Open it in Excel and save it again, or save it as CSV'],
      ['cell-unreadable', 3, 'FOC Date', 'Cell B3 holds "soon" as a date, which is not one: the workbook may be damaged. Open it in Excel and save it again, or save it as CSV'],
      ['cell-unreadable', 4, 'Number', 'Cell A4 refers to shared text 7, which the workbook does not hold: the workbook may be damaged. Open it in Excel and save it again, or save it as CSV'],
      ['cell-unreadable', 5, 'FOC Date', 'Cell B5 holds -3 as a date, which no calendar day is: the workbook may be damaged. Open it in Excel and save it again, or save it as CSV'],
    ]);
  });

  it('finds the header under a title block, and delivers a long sheet in batches as it reads, head first', async () => {
    const bytes = await streamed({
      Ports: (add) => {
        add(['Porting request – Maple Street Bakery']);
        add([]);
        add(['Customer', 'Phone Number', 'ZIP']);
        for (let i = 0; i < 12_000; i++) add(['Maple Street Bakery', `(312) 555-${String(i % 10_000).padStart(4, '0')}`, '60540']);
      },
    });
    const events: string[] = [];
    let head: SourceTable | undefined;
    const rows: SourceRow[] = [];
    const reads: number[] = [];
    const read = await streamWorkbook(bytes, {}, {
      head: (t) => {
        events.push('head');
        head = t;
      },
      rows: (batch, share) => {
        events.push('rows');
        rows.push(...batch);
        reads.push(share);
      },
    });
    if (!read.ok) throw new Error(read.error.message);
    expect(events[0]).toBe('head');
    expect(events.filter((e) => e === 'rows').length).toBeGreaterThanOrEqual(3);
    expect(head).toMatchObject({ headers: ['Customer', 'Phone Number', 'ZIP'], hasHeader: true, headerRow: 3 });
    expect(head?.rows.length).toBeGreaterThan(0);
    expect(head?.headRows?.[0]?.cells[0]).toBe('Porting request – Maple Street Bakery');
    expect(read.table.totalRows).toBe(12_000);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 12_000 }, (_, i) => i + 4));
    expect(rows[11_999]?.cells).toEqual(['Maple Street Bakery', '(312) 555-1999', '60540']);
    // The share read grows to 1 (the worker estimates the total from it).
    expect(reads).toEqual([...reads].sort((a, b) => a - b));
    expect(reads.at(-1)).toBe(1);
    expect(reads[0]).toBeLessThan(1);
  });

  it('takes a picked header row, or none', async () => {
    const bytes = await streamed({
      Ports: (add) => {
        add(['Account', 'Acme']);
        add(['Number', 'Carrier']);
        add(['2025550100', 'Verizon']);
      },
    });
    expect(await table(bytes, { headerRow: 1 })).toMatchObject({ headers: ['Account', 'Acme'], headerRow: 1, rows: [{ row: 2 }, { row: 3 }] });
    expect(await table(bytes, { hasHeader: false })).toMatchObject({ headers: ['Column 1', 'Column 2'], hasHeader: false, rows: [{ row: 1 }, { row: 2 }, { row: 3 }] });
  });
});

describe('XLSX bounds, met while streaming', () => {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const good = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 2}">${cell(`A${i + 2}`, String(2025550000 + i))}</row>`).join('');

  it('refuses a row 2147483647 below thousands of good rows, with its message, after delivering no more than was read', async () => {
    const bytes = xlsx(`<row r="1">${cell('A1', 'Number')}</row>${good(8_000)}<row r="2147483647">${cell('A2147483647', '2025550144')}</row>`);
    const read = await readSource({ kind: 'file', bytes, fileName: 'late-bomb.xlsx' });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error.message).toBe(
      'This workbook was not read: it uses row 2,147,483,647; PortDesk reads sheets of up to 1,048,576 rows (delete what lies below your data, or save it as CSV).',
    );
  });

  it('refuses a cell in column XFD with its address', async () => {
    const read = await parseWorkbook(xlsx(`<row r="1">${cell('A1', 'Number')}</row><row r="3">${cell('A3', '2025550144')}${cell('XFD3', 'x')}</row>`));
    expect(!read.ok && read.error.message).toMatch(/^This workbook was not read: it has a cell in column XFD \(XFD3\); PortDesk reads sheets of up to 1024 columns/);
  });

  it('refuses a ZIP with an entry its directory does not list (the stream would read it unchecked)', async () => {
    const ok = xlsx(`<row r="1">${cell('A1', 'Number')}</row>`);
    const hidden = zip({ 'xl/worksheets/sheet2.xml': `<worksheet><sheetData><row r="9">${cell('XFD9', 'x')}</row></sheetData></worksheet>` });
    const hiddenLocal = hidden.subarray(0, hidden.readUInt32LE(hidden.length - 6));
    const directory = ok.readUInt32LE(ok.length - 6);
    const end = Buffer.from(ok.subarray(ok.length - 22));
    end.writeUInt32LE(directory + hiddenLocal.length, 16);
    // Every listed entry where the directory says; the unlisted one between the last and the directory.
    const smuggled = Buffer.concat([ok.subarray(0, directory), hiddenLocal, ok.subarray(directory, ok.length - 22), end]);
    const read = await parseWorkbook(smuggled);
    expect(!read.ok && read.error.message).toBe('This workbook was not read: it is not a valid XLSX file (its ZIP directory is missing or damaged).');
    expect((await parseWorkbook(ok)).ok).toBe(true);
  });
});
