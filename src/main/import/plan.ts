import type { CountryCode } from 'libphonenumber-js/max';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../shared/model';
import type { ColumnMapping, MappableField } from './columns';
import { emailList, normalizeField } from './fields';
import { cleanText, listed } from '../../shared/domain/text';
import { parseNumberCell, type ParsedNumber } from './numberCell';
import type { RangeAllowance } from './ranges';
import { problem, type ImportProblem, type ProblemCode, type ReadIssue } from './problems';
import type { SourceRow } from './table';
import { digitsOf, GrowingFloats, GrowingInts, NumberIndex } from './numberIndex';

/** Where the numbers go: one existing port, one new port, or one new port per group value. */
export type ImportTarget =
  | { kind: 'existing'; portId: string }
  | { kind: 'new'; name: string }
  | { kind: 'group' };

export interface PlanOptions {
  defaultCountry: CountryCode;
  target: ImportTarget;
  /** Most numbers one range may expand to (defaults to MAX_RANGE_SIZE). */
  maxRangeSize?: number;
  /** The import's overall range caps by port key (set by the worker for one run). */
  rangeBudget?: (port: string) => RangeAllowance;
}

/** The open port a number already belongs to, if any; supplied by the caller (the database). */
export type ExistingPortLookup = (e164: string) => { portId: string; name: string } | undefined;

/** The open ports holding any of these numbers, in one look (the database); numbers in none are absent. */
export type OpenOwnersLookup = (e164s: readonly string[]) => Map<string, { portId: string; name: string }>;

/** What one row says on its own: the costly part (normalising), independent of other rows. */
export interface RowAnalysis {
  row: number;
  cells: string[];
  parsed: ParsedNumber[];
  /** Numbers or ranges in the row that could not be read. */
  invalid: number;
  /** Normalised values of mapped port-field columns (non-empty only). */
  fields: Partial<Record<MappableField, string>>;
  groupKey: string;
  rowProblems: ImportProblem[];
  /** The row's broken cells in imported columns (kept so a fix in place that leaves one as it was still finds it broken). */
  issues?: ReadIssue[];
}

export type NumberStatus = 'new' | 'duplicate' | 'in-open-port' | 'in-target' | 'two-owners';

export interface PlannedNumber {
  e164: string;
  status: NumberStatus;
  /** Row where the number first appeared (status `duplicate`). */
  firstRow?: number;
  /** Port holding the number (status `in-open-port` / `in-target`). */
  port?: { portId: string; name: string };
  /** Every group (customer) the file lists the number under, with the first row of each (status `two-owners`). */
  owners?: { key: string; row: number }[];
}

export interface PlannedRow extends RowAnalysis {
  numbers: PlannedNumber[];
  /** Every problem of the row: its own plus those found against other rows and ports. */
  problems: ImportProblem[];
  status: 'ok' | 'warning' | 'error';
}

export interface PlannedGroup {
  /** Value of the grouping column ('' when not grouping). */
  key: string;
  target: { kind: 'existing'; portId: string } | { kind: 'new'; fields: PortFields };
  rows: number[];
  /** E.164 numbers this group adds (status `new` only), in file order. */
  numbers: string[];
  countries: string[];
  problems: ImportProblem[];
}

export interface ImportCounts {
  rows: number;
  rowsOk: number;
  rowsWithWarnings: number;
  rowsWithErrors: number;
  /** Rows with errors that still give the import some of their numbers (the rest add nothing). */
  rowsPartial: number;
  /** Distinct numbers that will be imported. */
  valid: number;
  /** Numbers (or whole ranges) that could not be read. */
  invalid: number;
  duplicates: number;
  /** Numbers the file lists under two or more groups (customers): imported into none of them. */
  twoOwners: number;
  inOpenPort: number;
  inTarget: number;
  groups: number;
  errors: number;
  warnings: number;
}

/**
 * The preview of an import. Its rows are any iterable in file order: rows planned on demand from
 * the staged rows (stagedPlan.ts), or an array of them.
 */
export interface ImportPlan<Rows extends Iterable<PlannedRow> = PlannedRow[]> {
  version: 1;
  headers: string[];
  mapping: ColumnMapping;
  options: PlanOptions;
  rows: Rows;
  groups: PlannedGroup[];
  /** Problems found while reading the source, and of the plan as a whole (row 0); rows and
   * groups carry their own. */
  problems: ImportProblem[];
  counts: ImportCounts;
}

function columnsOf(mapping: ColumnMapping, field: 'number'): number[] {
  const cols: number[] = [];
  mapping.fields.forEach((f, i) => {
    if (f === field) cols.push(i);
  });
  return cols;
}

/** True when the import reads column `col`: mapped to a field, or the grouping column of a grouped import. */
function importsColumn(col: number, mapping: ColumnMapping, options: PlanOptions): boolean {
  return mapping.fields[col] != null || (options.target.kind === 'group' && mapping.groupBy === col);
}

/**
 * Analyse one row on its own: numbers normalised, mapped fields checked, group key read. A cell
 * read broken (`source.issues`) in a column the import reads is a problem of the row, which then
 * gives nothing to the import (no number, no field: none of it is made up or half taken); one in
 * another column goes to `ignored`, for one warning about the file.
 */
export function analyseRow(source: SourceRow, headers: readonly string[], mapping: ColumnMapping, options: PlanOptions, ignored?: IgnoredCells): RowAnalysis {
  const { row, cells } = source;
  const analysis: RowAnalysis = { row, cells, parsed: [], invalid: 0, fields: {}, groupKey: '', rowProblems: [] };
  const at = (col: number) => headers[col] ?? `Column ${col + 1}`;
  // Ranges count against the port the row goes to: its group key (read here, checked below).
  const portKey = options.target.kind === 'group' && mapping.groupBy !== null ? cleanText(cells[mapping.groupBy] ?? '').trim() : '';
  /** Cells read broken in columns the import does not read (kept only when there are some: rows are many). */
  let unread: ReadIssue[] | undefined;
  if (source.issues) {
    const read: ReadIssue[] = [];
    for (const issue of source.issues) {
      if (!importsColumn(issue.col, mapping, options)) {
        ignored?.add(issue);
        (unread ??= []).push(issue);
        continue;
      }
      read.push(issue);
      analysis.rowProblems.push(problem(row, at(issue.col), issue.severity, issue.code, issue.message));
    }
    if (read.length > 0) analysis.issues = read;
    if (read.some((issue) => issue.severity === 'error')) {
      analysis.groupKey = portKey;
      analysis.invalid = read.filter((issue) => mapping.fields[issue.col] === 'number').length;
      return analysis;
    }
  }
  const rangeAllowance = options.rangeBudget?.(portKey);
  let sawNumberCell = false;
  mapping.fields.forEach((field, col) => {
    const text = cells[col] ?? '';
    if (field === null || text === '') return;
    if (field === 'number') {
      sawNumberCell = true;
      const cell = parseNumberCell(text, { defaultCountry: options.defaultCountry, maxRangeSize: options.maxRangeSize, ...(rangeAllowance ? { rangeAllowance } : {}) });
      for (const n of cell.numbers) analysis.parsed.push(n);
      analysis.invalid += cell.invalid;
      for (const issue of cell.issues) {
        analysis.rowProblems.push(problem(row, at(col), issue.severity, issue.code, `Row ${row}, ${at(col)}: ${issue.message}`));
      }
      return;
    }
    if (analysis.fields[field] !== undefined) return;
    const value = normalizeField(field, text, options.defaultCountry);
    if (value.ok) analysis.fields[field] = value.value;
    else analysis.rowProblems.push(problem(row, at(col), 'warning', 'field-invalid', `Row ${row}, ${at(col)}: ${value.message}; left out`));
  });
  const numberCols = columnsOf(mapping, 'number');
  if (!sawNumberCell && numberCols.length > 0) {
    const names = numberCols.map((c) => `"${at(c)}"`).join(' or ');
    // A broken cell reads as empty: a row holding only such cells, in columns not imported, looks
    // blank in the preview, and "no number" would read as a row of data that lost its number.
    const broken = unread;
    const onlyUnread = broken !== undefined && cells.every((text, col) => text === '' || broken.some((issue) => issue.col === col));
    const message = onlyUnread ? `Row ${row}: nothing to import; ${onlyUnreadContent(broken, at)}` : `Row ${row}: no number in ${names}`;
    analysis.rowProblems.push(problem(row, at(numberCols[0]!), 'error', 'number-missing', message));
  }
  if (options.target.kind === 'group' && mapping.groupBy !== null) {
    // The key names the port: cleaned like any other port name.
    analysis.groupKey = portKey;
    if (analysis.groupKey === '') {
      const col = at(mapping.groupBy);
      analysis.rowProblems.push(
        problem(row, col, 'warning', 'group-empty-key', `Row ${row}: "${col}" is empty, so its numbers go to a port of their own ("no ${col}")`),
      );
    }
  }
  return analysis;
}

const IGNORED_KINDS: Partial<Record<ProblemCode, string>> = {
  'cell-formula-no-result': 'a formula with no saved value',
  'cell-formula-error': 'an error value (such as #N/A)',
  'cell-unreadable': 'a value the workbook does not hold',
  'cell-precision': 'a long number Excel rounded',
};

function ignoredKind(issue: ReadIssue): string {
  return IGNORED_KINDS[issue.code] ?? 'a value PortDesk cannot read';
}

/** What a row holds when its only content is `unread`: cells read broken in columns the import does not read. */
function onlyUnreadContent(unread: readonly ReadIssue[], at: (col: number) => string): string {
  const one = unread.length === 1;
  const names = [...new Set(unread.map((issue) => issue.col))].sort((a, b) => a - b).map((c) => `"${at(c)}"`);
  const kinds = [...new Set(unread.map(ignoredKind))];
  const notRead = names.length === 1 ? `${names[0]!} is` : `${names.length === 2 ? 'these two columns' : 'these columns'} are`;
  return `its only content is ${one ? 'cell' : 'cells'} ${listed(unread.map((issue) => issue.cell))} of ${listed(names)}, which ${one ? 'holds' : 'hold'} ${kinds.join(' or ')}, and ${notRead} not imported`;
}

/** Cells read broken in columns the import does not read: reported once, as one warning about the file. */
export class IgnoredCells {
  private count = 0;
  private readonly first: string[] = [];
  private readonly cols = new Set<number>();
  private readonly kinds = new Set<string>();

  add(issue: ReadIssue): void {
    this.count++;
    if (this.first.length < 3) this.first.push(issue.cell);
    this.cols.add(issue.col);
    this.kinds.add(ignoredKind(issue));
  }

  /** The warning, naming the columns and the first cells; none when no cell was ignored. */
  problems(headers: readonly string[]): ImportProblem[] {
    if (this.count === 0) return [];
    const names = [...this.cols].sort((a, b) => a - b).map((c) => `"${headers[c] ?? `Column ${c + 1}`}"`);
    const more = this.count - this.first.length;
    const cells = more > 0 ? `${this.first.join(', ')} and ${more.toLocaleString('en-US')} more` : listed(this.first);
    const one = this.count === 1;
    const what = `${one ? 'Cell' : 'Cells'} ${cells} of ${listed(names)} ${one ? 'holds' : 'hold'} ${[...this.kinds].join(' or ')}`;
    const why = names.length === 1 ? `${names[0]!} is not imported` : `${names.length === 2 ? 'these two columns' : 'these columns'} are not imported`;
    const column = this.cols.size === 1 ? (headers[[...this.cols][0]!] ?? null) : null;
    return [problem(0, column, 'warning', 'cell-ignored', `${what}; ${why}, so ${one ? 'it is' : 'they are'} ignored`)];
  }
}

/** Source problems tied to a row's cells (a merged range starting on it) stop applying once the row is edited. */
export function isCellProblem(p: ImportProblem): boolean {
  return p.code.startsWith('cell-');
}

/** Counts before any row is tallied: the numbers listed under two customers are known from the first pass. */
export function emptyCounts(facts: FileFacts): ImportCounts {
  return {
    rows: 0, rowsOk: 0, rowsWithWarnings: 0, rowsWithErrors: 0, rowsPartial: 0, valid: 0, invalid: 0,
    duplicates: 0, twoOwners: facts.twoOwners(), inOpenPort: 0, inTarget: 0, groups: 0, errors: 0, warnings: 0,
  };
}

/** Plan-level problems and the final counts around rows already planned and grouped. */
export function finishPlan<Rows extends Iterable<PlannedRow>>(
  headers: string[],
  sourceProblems: ImportProblem[],
  rows: Rows,
  mapping: ColumnMapping,
  options: PlanOptions,
  rowCounts: ImportCounts,
  groups: PlannedGroup[],
): ImportPlan<Rows> {
  const problems: ImportProblem[] = sourceProblems.slice();
  if (!mapping.fields.includes('number') && !problems.some((p) => p.code === 'number-missing' && p.row === 0)) {
    problems.push(problem(0, null, 'error', 'number-missing', 'No column is mapped to "Number": choose the column that holds the phone numbers'));
  }
  const counts = { ...rowCounts, groups: groups.length };
  for (const p of problems) countProblem(counts, p);
  for (const g of groups) for (const p of g.problems) countProblem(counts, p);
  return { version: 1, headers, mapping, options, rows, groups, problems, counts };
}

type Owner = { key: string; row: number };

/** What the first pass reads of a row: everything planning needs but the cells. */
export type FactsRow = Pick<RowAnalysis, 'row' | 'groupKey' | 'parsed' | 'fields' | 'invalid' | 'rowProblems'>;

/** Numbers looked up in the store at a time (one statement each). */
const LOOKUP_CHUNK = 2_000;
/** Rows planned from the facts between two turns of the caller's event loop. */
const PLAN_SLICE_ROWS = 20_000;

/**
 * What the whole file says about each number, gathered row by row in file order (the first
 * pass): the row where it first appears, the groups (customers) it is listed under when there is
 * more than one, the losing carriers of each group, the open ports holding any of them, and, per
 * row, what its plan needs (its numbers as ids, its own problem counts, its group). Compact, so a
 * million rows can stream through it: one typed-array entry per distinct number, a few integers per row.
 * Every row is then planned from these alone ({@link FileFacts.planAll}), none read back.
 */
export class FileFacts {
  /**
   * Each distinct number's id, in a typed-array index (a Map of a million strings is ~80 MB of
   * heap); by id: its digits (the number is "+" and them), the sequence number of its first row,
   * its country.
   */
  private readonly ids = new NumberIndex();
  private readonly idDigits = new GrowingFloats();
  /** Numbers whose digits do not say them (never from the number parser), by id. */
  private readonly oddNumbers = new Map<number, string>();
  private readonly idFirstSeq = new GrowingInts();
  private readonly idCountry = new GrowingInts();
  private readonly countries: string[] = [];
  private readonly countryIds = new Map<string, number>();
  /** By sequence number (rows in the order added): row number, group key, group part, end of its numbers. */
  private readonly seqRow = new GrowingInts();
  /** Index into {@link keyList} of each row's group key. */
  private readonly seqKey = new GrowingInts();
  private readonly keyList: string[] = [];
  private readonly keys = new Map<string, number>();
  private readonly seqPart = new GrowingInts();
  private readonly seqNumbersEnd = new GrowingInts();
  /** The number ids of every row, one row after another. */
  private readonly rowNumbers = new GrowingInts();
  /** Invalid numbers and own problems of the rows that have any (few), by sequence number. */
  private readonly own = new Map<number, { invalid: number; errors: number; warnings: number }>();
  private readonly multi = new Map<string, Owner[]>();
  /** Open ports holding numbers of the file, and the numbers not looked for yet. */
  private readonly ports = new Map<string, { portId: string; name: string }>();
  private unlooked: string[] = [];
  private readonly parts = new GroupParts();
  private readonly grouping: boolean;
  private readonly splitting: boolean;

  constructor(options: PlanOptions) {
    this.grouping = options.target.kind === 'group';
    this.splitting = options.target.kind !== 'existing';
  }

  /**
   * Add the next row. True when it has a problem of its own or a number met before (a duplicate,
   * or one listed under two customers): a row the problems list is likely to read.
   */
  add(a: FactsRow): boolean {
    const seq = this.seqRow.length;
    let metBefore = false;
    const key = a.groupKey;
    let keyAt = this.keys.get(key);
    if (keyAt === undefined) {
      this.keys.set(key, (keyAt = this.keyList.length));
      this.keyList.push(key);
    }
    this.seqRow.push(a.row);
    this.seqKey.push(keyAt);
    const carrier = a.fields.losingCarrier;
    this.seqPart.push(this.parts.addRow(key, this.splitting ? (carrier ?? '') : null, a.row, a.fields));
    for (const { e164, country } of a.parsed) {
      const fresh = this.idFirstSeq.length;
      if (this.ids.add(e164, fresh)) {
        this.rowNumbers.push(fresh);
        const digits = digitsOf(e164);
        this.idDigits.push(digits);
        if (digits === 0) this.oddNumbers.set(fresh, e164);
        this.idFirstSeq.push(seq);
        this.idCountry.push(country ? this.countryId(country) : -1);
        this.unlooked.push(e164);
        continue;
      }
      const id = this.ids.get(e164)!;
      this.rowNumbers.push(id);
      metBefore = true;
      if (!this.grouping) continue;
      let owners = this.multi.get(e164);
      if (!owners) {
        const first = this.idFirstSeq.at(id);
        const firstKey = this.keyList[this.seqKey.at(first)]!;
        if (firstKey === key) continue;
        this.multi.set(e164, (owners = [{ key: firstKey, row: this.seqRow.at(first) }]));
      }
      if (!owners.some((o) => o.key === key)) owners.push({ key, row: a.row });
    }
    this.seqNumbersEnd.push(this.rowNumbers.length);
    if (a.invalid > 0 || a.rowProblems.length > 0) {
      let errors = 0;
      for (const p of a.rowProblems) if (p.severity === 'error') errors++;
      this.own.set(seq, { invalid: a.invalid, errors, warnings: a.rowProblems.length - errors });
      return true;
    }
    return metBefore;
  }

  /**
   * Look up the open ports holding the numbers added since the last look, {@link LOOKUP_CHUNK}
   * at a time (a step each). Found now, they are the ones every later plan and page shows.
   */
  *lookUp(lookup: OpenOwnersLookup): Generator<void, void> {
    const numbers = this.unlooked;
    this.unlooked = [];
    for (let from = 0; from < numbers.length; from += LOOKUP_CHUNK) {
      for (const [e164, port] of lookup(numbers.slice(from, from + LOOKUP_CHUNK))) this.ports.set(e164, port);
      yield;
    }
  }

  /** The open port holding a number, as found by {@link lookUp}. */
  readonly portOf: ExistingPortLookup = (e164) => this.ports.get(e164);

  /** Distinct numbers so far: their ids are 0 up to this, in the order first met. */
  get numberCount(): number {
    return this.idFirstSeq.length;
  }

  /** A number's id, when the file holds it. */
  idOf(e164: string): number | undefined {
    return this.ids.get(e164);
  }

  /**
   * The group part (a group key and, where it may split, a losing carrier) of the number's first
   * row: every plan gives the number to the port made of that part, if to any.
   */
  firstPart(id: number): number {
    return this.seqPart.at(this.idFirstSeq.at(id));
  }

  /** Row where the number first appears in the file. */
  firstRow(e164: string): number | undefined {
    const id = this.ids.get(e164);
    return id === undefined ? undefined : this.seqRow.at(this.idFirstSeq.at(id));
  }

  /** The groups the number is listed under, when there are two or more. */
  owners(e164: string): Owner[] | undefined {
    return this.multi.get(e164);
  }

  twoOwners(): number {
    return this.multi.size;
  }

  /**
   * Plan every row from the facts alone, exactly as {@link planRow} would (a test holds them
   * equal): the counts, each row's status (0 ok, 1 warning, 2 error) and the numbers each group
   * adds, in file order. A step every {@link PLAN_SLICE_ROWS} rows.
   */
  *planAll(ctx: RowContext, counts: ImportCounts, statuses: Uint8Array): Generator<void, void> {
    this.parts.clearNumbers();
    const twoOwners = new Uint8Array(this.idFirstSeq.length);
    for (const e164 of this.multi.keys()) twoOwners[this.ids.get(e164)!] = 1;
    const seenHere = new Set<number>();
    let start = 0;
    for (let seq = 0; seq < this.seqRow.length; seq++) {
      if (seq > 0 && seq % PLAN_SLICE_ROWS === 0) yield;
      const end = this.seqNumbersEnd.at(seq);
      const row = this.seqRow.at(seq);
      const part = this.parts.at(this.seqPart.at(seq));
      const own = this.own.get(seq);
      let errors = own?.errors ?? 0;
      let warnings = own?.warnings ?? 0;
      const several = end - start > 1;
      const validBefore = counts.valid;
      if (several) seenHere.clear();
      for (let k = start; k < end; k++) {
        const id = this.rowNumbers.at(k);
        if (twoOwners[id] === 1) {
          errors++;
          continue;
        }
        const first = this.seqRow.at(this.idFirstSeq.at(id));
        const again = first === row && several && seenHere.has(id);
        if (several) seenHere.add(id);
        if (first < row || again) {
          counts.duplicates++;
          warnings++;
          continue;
        }
        const e164 = this.numberOf(id);
        const port = this.ports.size > 0 ? this.ports.get(e164) : undefined;
        if (port && port.portId === ctx.targetPortId) {
          counts.inTarget++;
          warnings++;
        } else if (port) {
          counts.inOpenPort++;
          errors++;
        } else {
          counts.valid++;
          const country = this.idCountry.at(id);
          part.addNumber(e164, row, country >= 0 ? this.countries[country]! : undefined);
        }
      }
      start = end;
      counts.rows++;
      counts.invalid += own?.invalid ?? 0;
      counts.errors += errors;
      counts.warnings += warnings;
      if (errors > 0) {
        counts.rowsWithErrors++;
        if (counts.valid > validBefore) counts.rowsPartial++;
      } else if (warnings > 0) counts.rowsWithWarnings++;
      else counts.rowsOk++;
      statuses[seq] = errors > 0 ? 2 : warnings > 0 ? 1 : 0;
    }
  }

  /** The groups after {@link planAll}: one port request per group key, split by losing carrier where needed. */
  groups(headers: readonly string[], mapping: ColumnMapping, options: PlanOptions): PlannedGroup[] {
    return this.parts.finish(headers, mapping, options);
  }

  /** The number with this id. */
  numberOf(id: number): string {
    const digits = this.idDigits.at(id);
    return digits === 0 ? this.oddNumbers.get(id)! : `+${digits}`;
  }

  private countryId(country: string): number {
    let id = this.countryIds.get(country);
    if (id === undefined) {
      this.countryIds.set(country, (id = this.countries.length));
      this.countries.push(country);
    }
    return id;
  }
}

/** Column names a row's cross-row problems mention, and the port an import into one targets. */
export interface RowContext {
  numberColumn: string | null;
  groupColumn: string;
  targetPortId: string | undefined;
}

export function rowContext(headers: readonly string[], mapping: ColumnMapping, options: PlanOptions): RowContext {
  return {
    numberColumn: headers[mapping.fields.indexOf('number')] ?? null,
    groupColumn: mapping.groupBy !== null ? (headers[mapping.groupBy] ?? `Column ${mapping.groupBy + 1}`) : 'group',
    targetPortId: options.target.kind === 'existing' ? options.target.portId : undefined,
  };
}

/**
 * Plan one row against the facts of the whole file: numbers under two customers, duplicates of
 * an earlier row (or earlier in the row), numbers already in an open port. Depends on no other
 * row being planned first, so rows can be planned again one page at a time.
 */
export function planRow(a: RowAnalysis, facts: FileFacts, ctx: RowContext): PlannedRow {
  const numbers: PlannedNumber[] = [];
  const rowProblems = a.rowProblems.slice();
  const { numberColumn } = ctx;
  const seenHere = a.parsed.length > 1 ? new Set<string>() : undefined;
  for (const n of a.parsed) {
    const listedUnder = facts.owners(n.e164);
    if (listedUnder) {
      // Giving the number to whichever customer came first would port it for the wrong one.
      numbers.push({ e164: n.e164, status: 'two-owners', owners: listedUnder });
      const names = listedUnder.map((o) => `${o.key === '' ? `no ${ctx.groupColumn}` : `"${o.key}"`} (row ${o.row})`).join(' and ');
      rowProblems.push(
        problem(a.row, numberColumn, 'error', 'number-two-owners', `Row ${a.row}: ${n.e164} is listed under ${names}; it is imported into neither until the file says whose it is`),
      );
      continue;
    }
    const first = facts.firstRow(n.e164) ?? a.row;
    const again = first === a.row && seenHere !== undefined && seenHere.has(n.e164);
    seenHere?.add(n.e164);
    if (first < a.row || again) {
      numbers.push({ e164: n.e164, status: 'duplicate', firstRow: first });
      const where = first === a.row ? 'earlier in this row' : `on row ${first}`;
      rowProblems.push(problem(a.row, numberColumn, 'warning', 'duplicate-in-file', `Row ${a.row}: ${n.e164} is also ${where}; it is imported once`));
      continue;
    }
    const port = facts.portOf(n.e164);
    if (port && port.portId === ctx.targetPortId) {
      numbers.push({ e164: n.e164, status: 'in-target', port });
      rowProblems.push(problem(a.row, numberColumn, 'warning', 'already-in-target', `Row ${a.row}: ${n.e164} is already in port "${port.name}"; nothing to add`));
    } else if (port) {
      numbers.push({ e164: n.e164, status: 'in-open-port', port });
      rowProblems.push(problem(a.row, numberColumn, 'error', 'in-open-port', `Row ${a.row}: ${n.e164} is already in the open port "${port.name}" (${port.portId})`));
    } else {
      numbers.push({ e164: n.e164, status: 'new' });
    }
  }
  const status = rowProblems.some((p) => p.severity === 'error') ? 'error' : rowProblems.length > 0 ? 'warning' : 'ok';
  return { ...a, numbers, problems: rowProblems, status };
}

function countProblem(counts: ImportCounts, p: ImportProblem): void {
  if (p.severity === 'error') counts.errors++;
  else counts.warnings++;
}

type Seen = { value: string; row: number; conflict?: { value: string; row: number } };

/**
 * The rows of one group key with one losing carrier (or of one group key, when the target is an
 * existing port and nothing splits): the unit a group is made of. Which parts stay apart is known
 * only once every row is read (a second carrier may come last), so the rows are gathered by part
 * and the parts of a group that does not split are merged at the end.
 */
class GroupPart {
  readonly rows: number[] = [];
  /** First value of each field and its row, and the first row disagreeing with it. */
  readonly seen = new Map<MappableField, Seen>();
  numbers: string[] = [];
  numberRows: number[] = [];
  countries = new Set<string>();

  constructor(
    readonly key: string,
    /** The losing carrier of the part ('' for rows without one); null when the target cannot split. */
    readonly carrier: string | null,
  ) {}

  addRow(row: number, fields: RowAnalysis['fields']): void {
    this.rows.push(row);
    // for-in, not Object.entries: no array of pairs per row (a million rows pass here).
    for (const key in fields) {
      const field = key as MappableField;
      const value = fields[field]!;
      const first = this.seen.get(field);
      if (!first) this.seen.set(field, { value, row });
      else if (first.value !== value && !first.conflict) first.conflict = { value, row };
    }
  }

  addNumber(e164: string, row: number, country: string | undefined): void {
    this.numbers.push(e164);
    this.numberRows.push(row);
    if (country) this.countries.add(country);
  }
}

/** A group as it is finished: its parts merged (or one part of a split group). */
interface GroupDraft {
  group: PlannedGroup;
  seen: Map<MappableField, Seen>;
  countries: Set<string>;
  /** The group key before any split by losing carrier. */
  base: string;
  /** The losing carrier this part of a split group holds ('' for rows without one); null when not split. */
  carrier: string | null;
}

/** Rows into port requests: one per group key (split by losing carrier where needed), fed in file order. */
class GroupParts {
  /** Part index by group key, then losing carrier (not one joined key: no string built per row). */
  private readonly index = new Map<string, Map<string | null, number>>();
  private readonly list: GroupPart[] = [];

  /** Add a row to its part; returns the part's index. */
  addRow(key: string, carrier: string | null, row: number, fields: RowAnalysis['fields']): number {
    let byCarrier = this.index.get(key);
    if (!byCarrier) this.index.set(key, (byCarrier = new Map()));
    let i = byCarrier.get(carrier);
    if (i === undefined) {
      byCarrier.set(carrier, (i = this.list.length));
      this.list.push(new GroupPart(key, carrier));
    }
    this.list[i]!.addRow(row, fields);
    return i;
  }

  at(i: number): GroupPart {
    return this.list[i]!;
  }

  clearNumbers(): void {
    for (const part of this.list) {
      part.numbers = [];
      part.numberRows = [];
      part.countries = new Set();
    }
  }

  /**
   * Losing carriers per group key (in the order first met), for groups whose rows name more than
   * one. A port request moves numbers away from one losing carrier (one LOA, one account), so such
   * a group becomes one new port per carrier rather than one port whose other carriers' numbers
   * would be refused. Rows without a carrier ('') split off only beside two named ones.
   */
  private splits(): Map<string, string[]> {
    const splits = new Map<string, string[]>();
    for (const [key, byCarrier] of this.index) {
      const carriers = [...byCarrier.keys()].filter((c): c is string => c !== null && c !== '');
      if (carriers.length > 1) splits.set(key, carriers);
    }
    return splits;
  }

  finish(headers: readonly string[], mapping: ColumnMapping, options: PlanOptions): PlannedGroup[] {
    const splits = this.splits();
    const byKey = new Map<string, GroupPart[]>();
    for (const part of this.list) {
      const same = byKey.get(part.key);
      if (same) same.push(part);
      else byKey.set(part.key, [part]);
    }
    const drafts: GroupDraft[] = [];
    for (const part of this.list) {
      if (part.carrier !== null && splits.has(part.key)) {
        drafts.push(draftOf(part.key, [part], part.carrier, options));
        continue;
      }
      const same = byKey.get(part.key)!;
      // A group that does not split is placed where its first row is, like its first part.
      if (same[0] === part) drafts.push(draftOf(part.key, same, null, options));
    }
    const groupColumn = mapping.groupBy !== null ? headers[mapping.groupBy] : undefined;
    const groups = drafts.map(({ group, seen, countries, base, carrier }) => {
      const label = base !== '' ? `Group "${base}"` : 'The import';
      const firstRow = group.rows[0] ?? 0;
      group.countries = [...countries].sort();
      if (group.countries.length > 1) {
        group.problems.push(
          problem(firstRow, null, 'warning', 'group-mixed-countries', `${label} has numbers of several countries (${group.countries.join(', ')}); a port request normally covers one country`),
        );
      }
      if (group.target.kind === 'new') {
        const fields = group.target.fields;
        for (const [field, { value, conflict, row }] of seen) {
          if (field === 'notificationEmails') fields.notificationEmails = emailList(value);
          else fields[field] = value;
          if (conflict) {
            const column = headers[mapping.fields.indexOf(field)] ?? field;
            group.problems.push(
              problem(conflict.row, column, 'warning', 'field-conflict', `${label}: "${column}" is "${value}" on row ${row} but "${conflict.value}" on row ${conflict.row}; using "${value}"`),
            );
          }
        }
        if (options.target.kind === 'new') fields.name = options.target.name;
        else if (fields.name === '') fields.name = base !== '' ? base : `No ${groupColumn ?? 'group'}`;
        if (carrier !== null) fields.name = `${fields.name} – ${carrier || 'no losing carrier'}`;
      }
      return group;
    });
    reportSplits(drafts, groups, splits);
    return groups;
  }
}

/** One group from its parts: their rows and numbers merged in file order, fields compared across them. */
function draftOf(base: string, parts: readonly GroupPart[], carrier: string | null, options: PlanOptions): GroupDraft {
  const key = carrier === null ? base : splitGroupKey(base, carrier);
  const target: PlannedGroup['target'] =
    options.target.kind === 'existing' ? { kind: 'existing', portId: options.target.portId } : { kind: 'new', fields: { ...EMPTY_PORT_FIELDS, name: '' } };
  const only = parts.length === 1 ? parts[0]! : undefined;
  const rows = only ? only.rows : parts.flatMap((p) => p.rows).sort((a, b) => a - b);
  let numbers: string[];
  if (only) {
    numbers = only.numbers;
  } else {
    // Stable: the numbers of one row keep their order.
    const pairs = parts.flatMap((p) => p.numbers.map((n, i) => [p.numberRows[i]!, n] as const));
    numbers = pairs.sort((a, b) => a[0] - b[0]).map((p) => p[1]);
  }
  const countries = new Set(parts.flatMap((p) => [...p.countries]));
  return { group: { key, target, rows, numbers, countries: [], problems: [] }, seen: mergeSeen(parts), countries, base, carrier };
}

/** Each field's first value over the parts, and the first row disagreeing with it. */
function mergeSeen(parts: readonly GroupPart[]): Map<MappableField, Seen> {
  if (parts.length === 1) return parts[0]!.seen;
  const merged = new Map<MappableField, Seen>();
  const fields = new Set(parts.flatMap((p) => [...p.seen.keys()]));
  for (const field of fields) {
    const firsts = parts.flatMap((p) => {
      const s = p.seen.get(field);
      return s ? [s] : [];
    });
    const first = firsts.reduce((a, b) => (b.row < a.row ? b : a));
    let conflict: Seen['conflict'];
    for (const s of firsts) {
      // A part starting with another value disagrees at its first row; one starting with the same value, at its own first conflict.
      const candidate = s.value !== first.value ? { value: s.value, row: s.row } : s.conflict;
      if (candidate && (!conflict || candidate.row < conflict.row)) conflict = candidate;
    }
    merged.set(field, conflict ? { value: first.value, row: first.row, conflict } : { value: first.value, row: first.row });
  }
  return merged;
}

/** One warning per split group, on its first part, naming the port requests it becomes. */
function reportSplits(drafts: readonly GroupDraft[], groups: readonly PlannedGroup[], splits: Map<string, string[]>): void {
  const reported = new Set<string>();
  drafts.forEach((draft, i) => {
    if (draft.carrier === null || reported.has(draft.base)) return;
    reported.add(draft.base);
    const parts = groups.filter((_, j) => drafts[j]!.carrier !== null && drafts[j]!.base === draft.base);
    const carriers = splits.get(draft.base) ?? [];
    const label = draft.base !== '' ? `Group "${draft.base}"` : 'The import';
    const names = parts.map((g) => `"${g.target.kind === 'new' ? g.target.fields.name : g.key}"`).join(', ');
    groups[i]!.problems.unshift(
      problem(groups[i]!.rows[0] ?? 0, null, 'warning', 'group-split-carrier', `${label} has numbers from ${carriers.length} losing carriers (${carriers.join(', ')}), so it becomes ${parts.length} port requests, one per carrier: ${names}`),
    );
  });
}

/** The key of one losing carrier's part of a group split by carrier ('' for rows without one). */
export function splitGroupKey(groupKey: string, carrier: string): string {
  return `${groupKey}\u0000${carrier}`;
}
