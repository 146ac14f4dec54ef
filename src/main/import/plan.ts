import type { CountryCode } from 'libphonenumber-js/max';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../shared/model';
import type { ColumnMapping, MappableField } from './columns';
import { emailList, normalizeField } from './fields';
import { cleanText } from '../../shared/domain/text';
import { parseNumberCell, type ParsedNumber } from './numberCell';
import type { RangeAllowance } from './ranges';
import { problem, type ImportProblem } from './problems';
import type { SourceRow } from './table';
import { GrowingInts, NumberIndex } from './numberIndex';

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

/** Analyse one row on its own: numbers normalised, mapped fields checked, group key read. */
export function analyseRow(source: SourceRow, headers: readonly string[], mapping: ColumnMapping, options: PlanOptions): RowAnalysis {
  const { row, cells } = source;
  const analysis: RowAnalysis = { row, cells, parsed: [], invalid: 0, fields: {}, groupKey: '', rowProblems: [] };
  const at = (col: number) => headers[col] ?? `Column ${col + 1}`;
  // Ranges count against the port the row goes to: its group key (read here, checked below).
  const portKey = options.target.kind === 'group' && mapping.groupBy !== null ? cleanText(cells[mapping.groupBy] ?? '').trim() : '';
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
    analysis.rowProblems.push(problem(row, at(numberCols[0]!), 'error', 'number-missing', `Row ${row}: no number in ${names}`));
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

/** Source problems tied to a cell's content (formulas, merges) stop applying once the row is edited. */
export function isCellProblem(p: ImportProblem): boolean {
  return p.code.startsWith('cell-');
}

/** Counts before any row is tallied: the numbers listed under two customers are known from the first pass. */
export function emptyCounts(facts: FileFacts): ImportCounts {
  return {
    rows: 0, rowsOk: 0, rowsWithWarnings: 0, rowsWithErrors: 0, valid: 0, invalid: 0,
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

/**
 * What the whole file says about each number, gathered row by row in file order (the first
 * pass): the row where it first appears, the groups (customers) it is listed under when there is
 * more than one, and the losing carriers of each group. Compact, so a million rows can stream
 * through it: a number's first row in a typed-array index ({@link NumberIndex}), and two int32
 * slots per row (its row number and group), all outside the JS heap.
 */
export class FileFacts {
  /** Sequence number (rows in the order added) of each number's first row. */
  private readonly firstSeq = new NumberIndex();
  private readonly seqRow = new GrowingInts();
  /** Index into {@link keyList} of each row's group key. */
  private readonly seqKey = new GrowingInts();
  private readonly keyList: string[] = [];
  private readonly keys = new Map<string, number>();
  private readonly multi = new Map<string, Owner[]>();
  private readonly carriers = new Map<string, Set<string>>();
  private readonly grouping: boolean;
  private readonly splitting: boolean;

  constructor(options: PlanOptions) {
    this.grouping = options.target.kind === 'group';
    this.splitting = options.target.kind !== 'existing';
  }

  add(a: Pick<RowAnalysis, 'row' | 'groupKey' | 'parsed' | 'fields'>): void {
    const seq = this.seqRow.length;
    const key = a.groupKey;
    let keyAt = this.keys.get(key);
    if (keyAt === undefined) {
      this.keys.set(key, (keyAt = this.keyList.length));
      this.keyList.push(key);
    }
    this.seqRow.push(a.row);
    this.seqKey.push(keyAt);
    for (const { e164 } of a.parsed) {
      if (this.firstSeq.add(e164, seq) || !this.grouping) continue;
      let owners = this.multi.get(e164);
      if (!owners) {
        const first = this.firstSeq.get(e164)!;
        const firstKey = this.keyList[this.seqKey.at(first)]!;
        if (firstKey === key) continue;
        this.multi.set(e164, (owners = [{ key: firstKey, row: this.seqRow.at(first) }]));
      }
      if (!owners.some((o) => o.key === key)) owners.push({ key, row: a.row });
    }
    const carrier = a.fields.losingCarrier;
    if (carrier && this.splitting) {
      let set = this.carriers.get(key);
      if (!set) this.carriers.set(key, (set = new Set()));
      set.add(carrier);
    }
  }

  /** Row where the number first appears in the file. */
  firstRow(e164: string): number | undefined {
    const seq = this.firstSeq.get(e164);
    return seq === undefined ? undefined : this.seqRow.at(seq);
  }

  /** The groups the number is listed under, when there are two or more. */
  owners(e164: string): Owner[] | undefined {
    return this.multi.get(e164);
  }

  twoOwners(): number {
    return this.multi.size;
  }

  /**
   * Losing carriers per group key, for groups whose rows name more than one. A port request moves
   * numbers away from one losing carrier (one LOA, one account), so such a group becomes one new
   * port per carrier rather than one port whose other carriers' numbers would be refused.
   */
  carrierSplits(): Map<string, string[]> {
    const splits = new Map<string, string[]>();
    for (const [key, set] of this.carriers) if (set.size > 1) splits.set(key, [...set]);
    return splits;
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
export function planRow(a: RowAnalysis, facts: FileFacts, portOf: ExistingPortLookup, ctx: RowContext): PlannedRow {
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
    const port = portOf(n.e164);
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

/** Add one planned row to the counts. */
export function tallyRow(counts: ImportCounts, r: PlannedRow): void {
  counts.rows++;
  counts.invalid += r.invalid;
  for (const n of r.numbers) {
    if (n.status === 'new') counts.valid++;
    else if (n.status === 'duplicate') counts.duplicates++;
    else if (n.status === 'in-open-port') counts.inOpenPort++;
    else if (n.status === 'in-target') counts.inTarget++;
  }
  if (r.status === 'error') counts.rowsWithErrors++;
  else if (r.status === 'warning') counts.rowsWithWarnings++;
  else counts.rowsOk++;
  for (const p of r.problems) countProblem(counts, p);
}

function countProblem(counts: ImportCounts, p: ImportProblem): void {
  if (p.severity === 'error') counts.errors++;
  else counts.warnings++;
}

interface GroupDraft {
  group: PlannedGroup;
  /** First value of each field and its row, to report conflicts. */
  seen: Map<MappableField, { value: string; row: number; conflict?: { value: string; row: number } }>;
  countries: Set<string>;
  /** The group key before any split by losing carrier. */
  base: string;
  /** The losing carrier this part of a split group holds ('' for rows without one); null when not split. */
  carrier: string | null;
}

/** Rows into port requests: one per group key (split by losing carrier where needed), fed in file order. */
export class GroupBuilder {
  private readonly drafts = new Map<string, GroupDraft>();

  constructor(
    private readonly headers: readonly string[],
    private readonly mapping: ColumnMapping,
    private readonly options: PlanOptions,
    private readonly splits: Map<string, string[]>,
  ) {}

  add(r: PlannedRow): void {
    const { options } = this;
    const split = this.splits.get(r.groupKey);
    const carrier = split ? (r.fields.losingCarrier ?? '') : null;
    const key = carrier === null ? r.groupKey : splitGroupKey(r.groupKey, carrier);
    let draft = this.drafts.get(key);
    if (!draft) {
      const target: PlannedGroup['target'] =
        options.target.kind === 'existing' ? { kind: 'existing', portId: options.target.portId } : { kind: 'new', fields: { ...EMPTY_PORT_FIELDS, name: '' } };
      draft = { group: { key, target, rows: [], numbers: [], countries: [], problems: [] }, seen: new Map(), countries: new Set(), base: r.groupKey, carrier };
      this.drafts.set(key, draft);
    }
    const into = draft;
    into.group.rows.push(r.row);
    r.numbers.forEach((n, i) => {
      if (n.status !== 'new') return;
      into.group.numbers.push(n.e164);
      const country = r.parsed[i]?.country;
      if (country) into.countries.add(country);
    });
    for (const [field, value] of Object.entries(r.fields) as Array<[MappableField, string]>) {
      const first = into.seen.get(field);
      if (!first) into.seen.set(field, { value, row: r.row });
      else if (first.value !== value && !first.conflict) first.conflict = { value, row: r.row };
    }
  }

  finish(): PlannedGroup[] {
    const { headers, mapping, options } = this;
    const groupColumn = mapping.groupBy !== null ? headers[mapping.groupBy] : undefined;
    const groups = [...this.drafts.values()].map(({ group, seen, countries, base, carrier }) => {
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
    this.reportSplits(groups);
    return groups;
  }

  /** One warning per split group, on its first part, naming the port requests it becomes. */
  private reportSplits(groups: readonly PlannedGroup[]): void {
    const drafts = [...this.drafts.values()];
    const reported = new Set<string>();
    drafts.forEach((draft, i) => {
      if (draft.carrier === null || reported.has(draft.base)) return;
      reported.add(draft.base);
      const parts = groups.filter((_, j) => drafts[j]!.carrier !== null && drafts[j]!.base === draft.base);
      const carriers = this.splits.get(draft.base) ?? [];
      const label = draft.base !== '' ? `Group "${draft.base}"` : 'The import';
      const names = parts.map((g) => `"${g.target.kind === 'new' ? g.target.fields.name : g.key}"`).join(', ');
      groups[i]!.problems.unshift(
        problem(groups[i]!.rows[0] ?? 0, null, 'warning', 'group-split-carrier', `${label} has numbers from ${carriers.length} losing carriers (${carriers.join(', ')}), so it becomes ${parts.length} port requests, one per carrier: ${names}`),
      );
    });
  }
}

/** The key of one losing carrier's part of a group split by carrier ('' for rows without one). */
export function splitGroupKey(groupKey: string, carrier: string): string {
  return `${groupKey}\u0000${carrier}`;
}
