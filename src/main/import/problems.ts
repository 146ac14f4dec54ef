/** Severity of an import problem: errors keep a number out of the import, warnings do not. */
export type Severity = 'error' | 'warning';

/** Stable codes the UI and CLI can filter on; the message says the same thing in words. */
export type ProblemCode =
  | 'file-empty'
  | 'file-too-large'
  | 'file-binary'
  | 'file-unreadable'
  | 'no-rows'
  | 'csv-malformed'
  | 'cell-formula-no-result'
  | 'cell-formula-error'
  | 'cell-merged'
  | 'cell-precision'
  | 'cell-unreadable'
  | 'cell-ignored'
  | 'number-missing'
  | 'number-invalid'
  | 'number-too-long'
  | 'number-letters'
  | 'number-vanity'
  | 'number-extension'
  | 'number-other-country'
  | 'range-too-large'
  | 'range-invalid'
  | 'duplicate-in-file'
  | 'number-two-owners'
  | 'in-open-port'
  | 'already-in-target'
  | 'field-invalid'
  | 'field-conflict'
  | 'group-empty-key'
  | 'group-mixed-countries'
  | 'group-split-carrier';

/**
 * One thing wrong with the input. `row` is the row number the specialist sees in their
 * spreadsheet or editor (1-based, header included); 0 for the file as a whole.
 */
export interface ImportProblem {
  row: number;
  /** Header of the column concerned, or null when the problem is about the whole row/file. */
  column: string | null;
  severity: Severity;
  code: ProblemCode;
  message: string;
}

/**
 * A problem of one cell met while reading a source (a workbook's formula with no saved value, an
 * error value like #N/A, a damaged or rounded value), carried with its row: whether it matters
 * depends on the mapping (plan.ts, `analyseRow`), so it is no problem of the file.
 */
export interface ReadIssue {
  /** 0-based column. */
  col: number;
  /** The cell's address as the spreadsheet shows it ("D4"). */
  cell: string;
  severity: Severity;
  code: ProblemCode;
  message: string;
}

/** Build a problem; keeps call sites short and the object shape uniform (stable for JSON). */
export function problem(
  row: number,
  column: string | null,
  severity: Severity,
  code: ProblemCode,
  message: string,
): ImportProblem {
  return { row, column, severity, code, message };
}
