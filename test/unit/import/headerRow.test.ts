import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findHeaderRow } from '../../../src/main/import/header';
import { parseWorkbook } from '../../../src/main/import/xlsx';
import { guessMapping } from '../../../src/main/import/columns';
import { parseDelimited, streamDelimited } from '../../../src/main/import/csv';
import { parsePaste } from '../../../src/main/import/paste';
import { collectingSink } from '../../../src/main/import/rowSink';
import type { SourceTable } from '../../../src/main/import/table';

describe('findHeaderRow', () => {
  it('takes the first row when it is the header', () => {
    expect(findHeaderRow([['Customer', 'Phone Number'], ['Acme', '202-555-0100']])).toBe(0);
  });

  it('skips a title, a merged banner (one value repeated), a date line and blank rows: header on row 5', () => {
    const rows = [
      ['Porting request – Maple Street Bakery', '', '', ''],
      ['Q4 MIGRATION', 'Q4 MIGRATION', 'Q4 MIGRATION', 'Q4 MIGRATION'],
      ['Prepared 11/30/2026', '', '', ''],
      ['', '', '', ''],
      ['Customer', 'Phone Number', 'ZIP', 'Desired Port Date'],
      ['Maple Street Bakery', '(312) 555-0100', '60540', '12/15/2026'],
    ];
    expect(findHeaderRow(rows)).toBe(4);
  });

  it('skips a two-cell label line ("Customer:", "Acme") that is followed by the real header', () => {
    const rows = [
      ['Customer:', 'Acme Dental'],
      ['Name', 'Number', 'Carrier'],
      ['Acme Dental', '2025550100', 'Verizon'],
    ];
    expect(findHeaderRow(rows)).toBe(1);
  });

  it('finds none in a list of bare numbers', () => {
    expect(findHeaderRow([['2025550100'], ['2025550101']])).toBeNull();
  });
});

async function workbook(build: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Ports'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('a real-shaped workbook with title rows', () => {
  it('reads the header on row 5 under a merged title, a date line and a blank row, and maps the columns', async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell('A1').value = 'Porting request – Maple Street Bakery';
      sheet.mergeCells('A1:D1');
      sheet.getCell('A2').value = 'Prepared 11/30/2026';
      sheet.getRow(5).values = ['Customer', 'Phone Number', 'ZIP', 'Desired Port Date'];
      sheet.getRow(6).values = ['Maple Street Bakery', '(312) 555-0100', '60540', '12/15/2026'];
      sheet.getRow(7).values = ['Maple Street Bakery', '(312) 555-0101', '60540', '12/15/2026'];
    });
    const read = await parseWorkbook(bytes, {});
    if (!read.ok) throw new Error(read.error.message);
    expect(read.table.headers).toEqual(['Customer', 'Phone Number', 'ZIP', 'Desired Port Date']);
    expect(read.table.rows.map((r) => r.row)).toEqual([6, 7]);
    // No warning about the title's merge, and no "ZIP" read as a value of the ZIP column.
    expect(read.table.problems).toEqual([]);
    expect(guessMapping(read.table).fields).toEqual(['name', 'number', 'postalCode', 'transferDate']);
  });
});

describe('requested dates', () => {
  it('map to the requested transfer date; only a confirmed FOC maps to the FOC date', () => {
    const requested = parseDelimited('Customer,Phone Number,Requested FOC,FOC Date\nAcme,2025550100,12/16/2026,12/17/2026');
    expect(guessMapping(requested).fields).toEqual(['name', 'number', 'transferDate', 'focDate']);
    const desired = parseDelimited('Customer,Phone Number,Desired Due Date\nAcme,2025550100,12/16/2026');
    expect(guessMapping(desired).fields).toEqual(['name', 'number', 'transferDate']);
  });
});

describe('findHeaderRow keeps a header whose first data row has no number', () => {
  it('does not take a later row for the header', () => {
    const rows = [
      ['Customer', 'Carrier', 'Phone Number'],
      ['Acme Dental', 'Verizon', ''],
      ['Acme Dental', 'Verizon', '2025550100'],
    ];
    expect(findHeaderRow(rows)).toBe(0);
  });
});

/** The title block carriers and customers put above their tables, as CSV lines (header on row 5). */
const TITLED_CSV = [
  'Porting request – Maple Street Bakery,,,',
  'Q4 MIGRATION,Q4 MIGRATION,Q4 MIGRATION,Q4 MIGRATION',
  'Prepared 11/30/2026,,,',
  ',,,',
  'Customer,Phone Number,ZIP,Desired Port Date',
  'Maple Street Bakery,(312) 555-0100,60540,12/15/2026',
  'Maple Street Bakery,(312) 555-0101,60540,12/15/2026',
].join('\r\n');

describe('CSV and pasted cells skip the same title block as a workbook', () => {
  it('CSV: header on row 5 under a title, a banner exported from merged cells, a date line and a blank row', () => {
    const table = parseDelimited(TITLED_CSV);
    expect(table.headers).toEqual(['Customer', 'Phone Number', 'ZIP', 'Desired Port Date']);
    expect(table.headerRow).toBe(5);
    expect(table.rows.map((r) => r.row)).toEqual([6, 7]);
    // The picker offers every non-blank row from the top, title included.
    expect(table.headRows?.map((r) => r.row)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(guessMapping(table).fields).toEqual(['name', 'number', 'postalCode', 'transferDate']);
  });

  it('CSV: a header below more rows than one chunk of the stream holds is still found', () => {
    // A chunk of a few bytes ends mid-title: the rows are held until the header can be chosen.
    const { sink, rows } = collectingSink();
    let head: SourceTable | undefined;
    const streamed = streamDelimited(TITLED_CSV, {}, { head: (t) => (head = t), rows: sink.rows }, 16);
    expect(head?.headers).toEqual(['Customer', 'Phone Number', 'ZIP', 'Desired Port Date']);
    expect(streamed.headerRow).toBe(5);
    expect(rows.map((r) => r.row)).toEqual([6, 7]);
  });

  it('paste: cells copied with the sheet title above them', () => {
    const text = ['Ports for Acme Dental', '', 'Customer\tNumber\tCarrier', 'Acme Dental\t202-555-0100\tVerizon', 'Acme Dental\t202-555-0101\tVerizon'].join('\n');
    const table = parsePaste(text);
    expect(table.headers).toEqual(['Customer', 'Number', 'Carrier']);
    expect(table.headerRow).toBe(3);
    expect(table.rows.map((r) => r.cells[1])).toEqual(['202-555-0100', '202-555-0101']);
  });

  it('a list without a header keeps its first number', () => {
    const table = parseDelimited('2025550100,Verizon\n2025550101,Verizon');
    expect(table.hasHeader).toBe(false);
    expect(table.headerRow).toBeNull();
    expect(table.rows).toHaveLength(2);
  });
});

describe('the header row the specialist picks', () => {
  it('CSV: "header is row 2" makes row 2 the columns and row 1 a title', () => {
    // A label line the detector reads as the header (it is followed by a narrower row).
    const csv = 'Account,Region\nName,Number\nAcme,2025550100';
    expect(parseDelimited(csv).headerRow).toBe(1);
    const picked = parseDelimited(csv, { headerRow: 2 });
    expect(picked.headers).toEqual(['Name', 'Number']);
    // Every first row is still offered, so the pick can be changed again.
    expect(picked.headRows?.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(picked.rows).toEqual([{ row: 3, cells: ['Acme', '2025550100'] }]);
  });

  it('no header: every row is data', () => {
    const table = parseDelimited(TITLED_CSV, { hasHeader: false });
    expect(table.hasHeader).toBe(false);
    expect(table.rows[0]!.row).toBe(1);
    expect(table.headers).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4']);
    expect(table.headRows).toHaveLength(6);
  });

  it('paste: the picked row', () => {
    const text = 'Title\tof sheet\nCustomer\tNumber\nAcme\t2025550100';
    expect(parsePaste(text, { headerRow: 2 }).headers).toEqual(['Customer', 'Number']);
  });

  it('XLSX: a picked row under a merged title, and the rows offered to pick from', async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell('A1').value = 'Porting request';
      sheet.mergeCells('A1:C1');
      sheet.getRow(3).values = ['Batch', 'Week 49', 'Chicago'];
      sheet.getRow(4).values = ['Customer', 'Number', 'Carrier'];
      sheet.getRow(5).values = ['Acme', '2025550100', 'Verizon'];
    });
    const detected = await parseWorkbook(bytes, {});
    if (!detected.ok) throw new Error(detected.error.message);
    expect(detected.table.headRows?.map((r) => r.row)).toEqual([1, 3, 4, 5]);
    const picked = await parseWorkbook(bytes, { headerRow: 4 });
    if (!picked.ok) throw new Error(picked.error.message);
    expect(picked.table.headers).toEqual(['Customer', 'Number', 'Carrier']);
    expect(picked.table.headerRow).toBe(4);
    expect(picked.table.rows.map((r) => r.row)).toEqual([5]);
    expect(picked.table.problems).toEqual([]);
  });
});
