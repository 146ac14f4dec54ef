/**
 * Reads the rows of a worksheet part (its XML, as it is unzipped) into text cells: a SAX pass that
 * keeps only the current row. exceljs' streaming reader is not used: it drops a formula result of
 * 0 and every error result (its FormulaValue copies only truthy fields), keeps only the last run of
 * an inline rich text, builds a styled Cell object per cell, and read every shared-string cell of
 * a workbook zipping its shared strings right after the sheet as empty (xlsxStream.test.ts).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type ExcelJS from 'exceljs';
import type { ProblemCode } from './problems';
import type { SourceRow } from './table';
import { MAX_XLSX_COLUMNS, MAX_XLSX_ROW } from './limits';
import { columnNumber, refusal } from './xlsxGuard';

/** What a sheet's cells refer to, read from the workbook's other parts (xlsxBook.ts). */
export interface SheetContext {
  sharedStrings: readonly string[];
  /** True when cells of this style index show a date (their number is a serial day). */
  isDate(style: number): boolean;
  /** Serial days count from 1904 rather than 1900 (old Mac workbooks). */
  date1904: boolean;
}

/** A row of text cells with the problems of its cells. */
export interface SheetRow extends SourceRow {
  issues: CellIssue[];
}

interface RawCell {
  address: string;
  col: number;
  style: number;
  type: string;
  formula?: string;
  value?: string;
  inline?: string;
}

/**
 * The rows of a sheet's XML, a batch per chunk read (blank rows included: merged ranges may fill
 * them). Refuses (throws) a row beyond Excel's last or a cell beyond {@link MAX_XLSX_COLUMNS}, as
 * soon as it is met.
 */
export async function* sheetRows(xml: AsyncIterable<Uint8Array | string>, context: SheetContext): AsyncGenerator<SheetRow[]> {
  const parser = new SaxesParser();
  const decoder = new TextDecoder();
  let out: SheetRow[] = [];
  let row: SheetRow | undefined;
  let lastRow = 0;
  let col = 0;
  let cell: RawCell | undefined;
  let into: 'formula' | 'value' | 'inline' | undefined;
  let phonetic = false;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const attributes = tag.attributes as Record<string, string | undefined>;
    switch (localName(tag.name)) {
      case 'row': {
        const number = attributes.r === undefined ? lastRow + 1 : Number(attributes.r);
        if (number > MAX_XLSX_ROW) {
          throw refusal(`it uses row ${number.toLocaleString('en-US')}; PortDesk reads sheets of up to ${MAX_XLSX_ROW.toLocaleString('en-US')} rows (delete what lies below your data, or save it as CSV)`, 'too-many-rows');
        }
        row = { row: number, cells: [], issues: [] };
        col = 0;
        break;
      }
      case 'c': {
        if (!row) break;
        const ref = attributes.r === undefined ? undefined : /^([A-Z]{1,3})\d+$/.exec(attributes.r);
        col = ref ? columnNumber(ref[1]!) : col + 1;
        const address = ref ? ref[0] : `${columnLetter(col)}${row.row}`;
        if (col > MAX_XLSX_COLUMNS) {
          throw refusal(`it has a cell in column ${address.replace(/\d+$/, '')} (${address}); PortDesk reads sheets of up to ${MAX_XLSX_COLUMNS} columns (delete what lies right of your data, or save it as CSV)`, 'too-many-columns');
        }
        cell = { address, col, style: Number(attributes.s ?? 0), type: attributes.t ?? 'n' };
        break;
      }
      case 'f':
        if (cell) [cell.formula, into] = ['', 'formula'];
        break;
      case 'v':
        if (cell) [cell.value, into] = ['', 'value'];
        break;
      case 't':
        if (cell && !phonetic) [cell.inline, into] = [cell.inline ?? '', 'inline'];
        break;
      case 'rPh':
        phonetic = true;
        break;
    }
  });
  parser.on('text', (text) => {
    if (cell && into) cell[into] += text;
  });
  parser.on('closetag', (tag) => {
    switch (localName(tag.name)) {
      case 'f':
      case 'v':
      case 't':
        into = undefined;
        break;
      case 'rPh':
        phonetic = false;
        break;
      case 'c':
        if (row && cell) {
          const { text, issue } = cellText(cellValue(cell, context), cell.address);
          while (row.cells.length < cell.col - 1) row.cells.push('');
          row.cells[cell.col - 1] = text;
          if (issue) row.issues.push({ col: cell.col - 1, ...issue });
        }
        cell = undefined;
        break;
      case 'row':
        if (row) {
          out.push(row);
          lastRow = row.row;
        }
        row = undefined;
        break;
    }
  });
  for await (const chunk of xml) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  parser.write(decoder.decode());
  parser.close();
  if (out.length > 0) yield out;
}

/** `x:row` and `row` alike: some writers prefix the spreadsheet namespace. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The value a cell holds, as exceljs would give it when loading the whole workbook. */
function cellValue(cell: RawCell, context: SheetContext): ExcelJS.CellValue {
  const value = ((): ExcelJS.CellValue => {
    const v = cell.value;
    switch (cell.type) {
      case 's':
        return v === undefined ? null : (context.sharedStrings[Number(v)] ?? null);
      case 'inlineStr':
        return cell.inline ?? null;
      case 'str':
        return v ?? null;
      case 'b':
        return v === undefined ? null : v.trim() !== '0';
      case 'e':
        return v === undefined ? null : ({ error: v } as ExcelJS.CellErrorValue);
      default: {
        if (v === undefined || v.trim() === '') return null;
        const n = Number(v);
        if (!context.isDate(cell.style)) return n;
        return new Date(Math.round((n - 25569 + (context.date1904 ? 1462 : 0)) * 86_400_000));
      }
    }
  })();
  if (cell.formula === undefined) return value;
  return value === null ? { formula: cell.formula, date1904: context.date1904 } : ({ formula: cell.formula, result: value, date1904: context.date1904 } as ExcelJS.CellFormulaValue);
}

/** The number formats that show a date or time (exceljs' own test: y, m, d, h, s outside quotes and brackets). */
export function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Spreadsheet column letters of a 1-based column index (1 -> A, 27 -> AA). */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface CellIssue {
  col: number;
  severity: 'error' | 'warning';
  code: ProblemCode;
  message: string;
}

interface CellText {
  text: string;
  issue?: Omit<CellIssue, 'col'>;
}

/** ISO date of a spreadsheet date, given as the UTC instant of its serial day. */
function isoDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * Plain text of one cell value (as {@link cellValue} builds it: never rich text or a hyperlink),
 * with the problem that makes the text unreliable, if any.
 */
function cellText(value: ExcelJS.CellValue, address: string): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return {
        text: BigInt(value).toString(),
        issue: {
          severity: 'error',
          code: 'cell-precision',
          message: `Cell ${address} holds ${value.toExponential()}: Excel stores at most 15 significant digits, so this long number was rounded. Format the column as Text and re-enter it.`,
        },
      };
    }
    return { text: String(value) };
  }
  if (value instanceof Date) return { text: isoDate(value) };
  if ('error' in value) {
    return { text: '', issue: { severity: 'error', code: 'cell-formula-error', message: `Cell ${address} shows the error ${value.error}` } };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    const formula = 'formula' in value && value.formula ? value.formula : (value as ExcelJS.CellSharedFormulaValue).sharedFormula;
    if (result === undefined || result === null) {
      return {
        text: '',
        issue: {
          severity: 'error',
          code: 'cell-formula-no-result',
          message: `Cell ${address} has the formula =${formula} but no saved result; open the file in Excel and save it again, or paste the values`,
        },
      };
    }
    if (isObject(result) && 'error' in result) {
      return { text: '', issue: { severity: 'error', code: 'cell-formula-error', message: `Cell ${address} (=${formula}) evaluates to ${String(result.error)}` } };
    }
    return cellText(result as ExcelJS.CellValue, address);
  }
  return { text: '' };
}

