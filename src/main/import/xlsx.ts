import ExcelJS from 'exceljs';
import type { AppErrorShape } from '../../shared/errors';
import { problem, type ImportProblem, type ProblemCode } from './problems';
import { defaultHeader, uniqueHeaders, type SourceRow, type SourceTable } from './table';
import { chooseHeader, HEAD_ROWS, type HeaderOptions } from './header';
import { checkWorkbookBounds } from './xlsxGuard';

export interface WorkbookOptions extends HeaderOptions {
  /** Sheet to read; the first sheet when omitted. */
  sheet?: string;
}

export type WorkbookResult = { ok: true; table: SourceTable } | { ok: false; error: AppErrorShape };

interface CellIssue {
  col: number;
  severity: 'error' | 'warning';
  code: ProblemCode;
  message: string;
}

interface CellText {
  text: string;
  issue?: Omit<CellIssue, 'col'>;
}

/** ISO date of a spreadsheet date; exceljs gives dates as UTC instants of the serial day. */
function isoDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Plain text of one cell value, with the problem that makes the text unreliable, if any. */
export function cellText(value: ExcelJS.CellValue, address: string): CellText {
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
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('').trim() };
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
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    if (isObject(text) && Array.isArray(text.richText)) {
      return { text: (text.richText as ExcelJS.RichText[]).map((r) => r.text).join('').trim() };
    }
    return { text: String(text ?? '').trim() };
  }
  return { text: '' };
}

/**
 * Read one sheet of an XLSX workbook into a table. Formulas give their cached result, merged
 * cells give the master cell's value to every row they span (with a warning, since a merged
 * "Company" cell usually means "same for all these rows" but should be checked), dates become
 * YYYY-MM-DD.
 */
export async function parseWorkbook(bytes: Uint8Array, options: WorkbookOptions = {}): Promise<WorkbookResult> {
  const bounds = checkWorkbookBounds(bytes);
  if (bounds) return { ok: false, error: bounds };
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' typings want its own Buffer type; a Node Buffer view shares the memory.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (err) {
    return {
      ok: false,
      // exceljs' own errors ("Cannot read properties of undefined (reading 'model')") say nothing to a reader.
      error: {
        code: 'FILE',
        message: 'This file could not be read as an Excel workbook: parts of it are missing or damaged. Open it in Excel and save it again, or save it as CSV.',
        details: { reason: 'unreadable', cause: err instanceof Error ? err.message : String(err) },
      },
    };
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const worksheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (!worksheet) {
    const message = options.sheet === undefined
      ? 'The workbook has no sheets.'
      : `The workbook has no sheet named "${options.sheet}"; its sheets are ${sheets.map((s) => `"${s}"`).join(', ')}.`;
    return { ok: false, error: { code: 'FILE', message, details: { reason: 'no-sheet', sheets } } };
  }

  const records: Array<{ row: number; cells: string[]; issues: CellIssue[] }> = [];
  // Merged ranges are found from their slave cells, so a warning names each range once.
  const merges = new Map<string, { master: string; top: number; left: number; bottom: number; right: number }>();
  const width = worksheet.columnCount;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const issues: CellIssue[] = [];
    for (let col = 1; col <= width; col++) {
      const cell = row.getCell(col);
      const master = cell.master;
      if (master !== cell) {
        const m = merges.get(master.address) ?? { master: master.address, top: Number(master.row), left: Number(master.col), bottom: 0, right: 0 };
        m.bottom = Math.max(m.bottom, rowNumber);
        m.right = Math.max(m.right, col);
        merges.set(master.address, m);
      }
      const { text, issue } = cellText(master.value, master.address);
      cells.push(text);
      if (issue && master === cell) issues.push({ col: col - 1, ...issue });
    }
    if (cells.some((c) => c !== '') || issues.length > 0) records.push({ row: rowNumber, cells, issues });
  });

  // Title rows above the header (a report title, a merged banner, a date) are not data.
  const headerAt = chooseHeader(records, options);
  const first = headerAt === null ? undefined : records[headerAt];
  const hasHeader = first !== undefined;
  const headers = first ? uniqueHeaders(first.cells) : Array.from({ length: width }, (_, i) => defaultHeader(i));
  const problems: ImportProblem[] = [];
  const rows: SourceRow[] = [];
  for (const record of records.slice(headerAt === null ? 0 : headerAt + 1)) {
    rows.push({ row: record.row, cells: record.cells });
    for (const issue of record.issues) problems.push(problem(record.row, headers[issue.col] ?? null, issue.severity, issue.code, issue.message));
  }
  const dataFrom = first ? first.row + 1 : 0;
  for (const m of merges.values()) {
    // A merged title above the header is layout, not data: nothing to warn about.
    if (m.bottom < dataFrom) continue;
    const range = `${m.master}:${columnLetter(m.right)}${m.bottom}`;
    const column = m.left === m.right ? (headers[m.left - 1] ?? null) : null;
    problems.push(
      problem(m.top, column, 'warning', 'cell-merged', `Cells ${range} are merged; every row they span gets the value of ${m.master}`),
    );
  }
  const headRows = records.slice(0, HEAD_ROWS).map((r) => ({ row: r.row, cells: r.cells }));
  const headerRow = first?.row ?? null;
  return { ok: true, table: { format: 'xlsx', headers, hasHeader, headerRow, headRows, rows, problems, sheet: worksheet.name, sheets } };
}

/** Spreadsheet column letters of a 1-based column index (1 -> A, 27 -> AA). */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
