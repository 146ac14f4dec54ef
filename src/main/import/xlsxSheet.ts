/**
 * Reads the rows of a worksheet part (its XML, as it is unzipped) into text cells: a SAX pass that
 * keeps only the current row. exceljs' streaming reader is not used: it drops a formula result of
 * 0 and every error result (its FormulaValue copies only truthy fields), keeps only the last run of
 * an inline rich text, builds a styled Cell object per cell, and read every shared-string cell of
 * a workbook zipping its shared strings right after the sheet as empty (xlsxStream.test.ts).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ProblemCode, ReadIssue } from './problems';
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
  issues: ReadIssue[];
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
          const { text, issue } = cellText(cell, context);
          while (row.cells.length < cell.col - 1) row.cells.push('');
          row.cells[cell.col - 1] = text;
          if (issue) row.issues.push({ col: cell.col - 1, cell: cell.address, ...issue });
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

interface CellText {
  text: string;
  issue?: Omit<ReadIssue, 'col' | 'cell'>;
}

/**
 * A cell's text, as Excel shows its value (what exceljs gives loading the whole workbook, where
 * that is the value: a shared string with its runs joined, a number as written, a date as
 * YYYY-MM-DD, TRUE/FALSE, a formula's saved result), with the problem that makes the text
 * unreliable. A cell whose value cannot be known reads as empty with an error, never as a value
 * made up from it: a formula with no saved result (a shared formula's other cells hold only a
 * reference to it, exceljs' `{ sharedFormula }` with no result), an error value, a number or a
 * shared string the workbook does not hold.
 */
function cellText(cell: RawCell, context: SheetContext): CellText {
  const { address, formula, value } = cell;
  // A shared formula's other cells (<f t="shared" si="0"/>) do not hold its text.
  const shown = formula ? `=${formula}` : 'a formula';
  if (formula !== undefined && (value === undefined || (value.trim() === '' && cell.type !== 'str'))) {
    return unreliable('cell-formula-no-result', `Cell ${address} holds ${formula ? 'the formula ' : ''}${shown} with no saved value: open and save the file in Excel, or paste the values`);
  }
  switch (cell.type) {
    case 's': {
      if (value === undefined) return { text: '' };
      const text = context.sharedStrings[Number(value)];
      return text === undefined ? damaged(address, `refers to shared text ${value.trim()}, which the workbook does not hold`) : { text: text.trim() };
    }
    case 'inlineStr':
      return { text: (cell.inline ?? '').trim() };
    case 'str':
      return { text: (value ?? '').trim() };
    case 'b':
      return value === undefined ? { text: '' } : { text: value.trim() !== '0' ? 'TRUE' : 'FALSE' };
    case 'e':
      if (value === undefined) return { text: '' };
      return unreliable('cell-formula-error', formula === undefined ? `Cell ${address} shows the error ${value}` : `Cell ${address} (${shown}) evaluates to ${value}`);
    case 'd': {
      // An ISO 8601 date (ECMA-376 ST_CellType "d", written by some tools; Excel writes serial days).
      if (value === undefined || value.trim() === '') return { text: '' };
      const date = /^\s*(\d{4}-\d{2}-\d{2})(T[\d:.]*(Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(value);
      return date && !Number.isNaN(Date.parse(date[1]!)) ? { text: date[1]! } : damaged(address, `holds "${value.trim()}" as a date, which is not one`);
    }
    default: {
      if (value === undefined || value.trim() === '') return { text: '' };
      const n = Number(value);
      if (!Number.isFinite(n)) return damaged(address, `holds "${value.trim()}" as a number, which is not one`);
      return context.isDate(cell.style) ? serialDate(n, address, context.date1904) : numberText(n, address);
    }
  }
}

function numberText(value: number, address: string): CellText {
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

/**
 * A serial day as YYYY-MM-DD. A time of day alone (under one day, in the 1900 system) reads as the
 * time Excel shows, HH:MM(:SS): as a date it would be 1899-12-30, a day nobody wrote.
 */
function serialDate(serial: number, address: string, date1904: boolean): CellText {
  const instant = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  if (Number.isNaN(instant.getTime()) || serial < 0) return damaged(address, `holds ${serial} as a date, which no calendar day is`);
  if (!date1904 && serial < 1) return { text: instant.toISOString().slice(11, instant.getUTCSeconds() === 0 ? 16 : 19) };
  return { text: instant.toISOString().slice(0, 10) };
}

function unreliable(code: ProblemCode, message: string): CellText {
  return { text: '', issue: { severity: 'error', code, message } };
}

function damaged(address: string, what: string): CellText {
  return unreliable('cell-unreadable', `Cell ${address} ${what}: the workbook may be damaged. Open it in Excel and save it again, or save it as CSV`);
}
