import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findHeaderRow } from '../../../src/main/import/header';
import { parseWorkbook } from '../../../src/main/import/xlsx';
import { guessMapping } from '../../../src/main/import/columns';
import { parseDelimited } from '../../../src/main/import/csv';

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
