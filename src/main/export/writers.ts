import Papa from 'papaparse';
import type { ExportTable } from './portTable';

/** CSV with a BOM, so Excel opens the accents and the dashes of port names as UTF-8. */
export function toCsv(table: ExportTable): string {
  return `\uFEFF${Papa.unparse({ fields: table.headers, data: table.rows }, { newline: '\r\n' })}`;
}

/**
 * One-sheet workbook. Every cell is text: a number or an account number stored as a number would
 * lose its leading zeros and, past 15 digits, its last digits.
 */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  // exceljs takes about a second to load: only an XLSX export pays for it, not every start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ports', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.headers.map((header) => ({ header, width: Math.min(40, Math.max(10, header.length + 2)), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(table.rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
