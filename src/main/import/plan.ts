import type { CountryCode } from 'libphonenumber-js/max';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../shared/model';
import type { ColumnMapping, MappableField } from './columns';
import { emailList, normalizeField } from './fields';
import { cleanText } from '../../shared/domain/text';
import { parseNumberCell, type ParsedNumber } from './numberCell';
import { problem, type ImportProblem } from './problems';
import type { SourceRow, SourceTable } from './table';

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
}

/** The open port a number already belongs to, if any; supplied by the caller (the database). */
export type ExistingPortLookup = (e164: string) => { portId: string; name: string } | undefined;

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

/** The preview of an import: plain JSON, so it crosses worker and IPC boundaries as is. */
export interface ImportPlan {
  version: 1;
  headers: string[];
  mapping: ColumnMapping;
  options: PlanOptions;
  rows: PlannedRow[];
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
  let sawNumberCell = false;
  mapping.fields.forEach((field, col) => {
    const text = cells[col] ?? '';
    if (field === null || text === '') return;
    if (field === 'number') {
      sawNumberCell = true;
      const cell = parseNumberCell(text, { defaultCountry: options.defaultCountry, maxRangeSize: options.maxRangeSize });
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
    analysis.groupKey = cleanText(cells[mapping.groupBy] ?? '').trim();
    if (analysis.groupKey === '') {
      const col = at(mapping.groupBy);
      analysis.rowProblems.push(
        problem(row, col, 'warning', 'group-empty-key', `Row ${row}: "${col}" is empty, so its numbers go to a port of their own ("no ${col}")`),
      );
    }
  }
  return analysis;
}

/**
 * Plan an import: analyse every row, then find duplicates within the file and numbers already
 * in an open port (through `existingPortFor`), group rows into ports and count. Pure: nothing
 * is written, and the same input gives the same plan.
 */
export function planImport(
  table: Pick<SourceTable, 'headers' | 'rows' | 'problems'>,
  mapping: ColumnMapping,
  options: PlanOptions,
  existingPortFor: ExistingPortLookup = () => undefined,
): ImportPlan {
  const analyses = table.rows.map((r) => analyseRow(r, table.headers, mapping, options));
  return assemblePlan(table.headers, table.problems, analyses, mapping, options, existingPortFor);
}

/**
 * Re-plan after the specialist edited one row in the preview ("fix in place"): only that row
 * is normalised again; duplicates, port lookups, groups and counts are re-derived from the
 * already normalised rows, which is a fast linear pass.
 */
export function replanRow(
  plan: ImportPlan,
  row: number,
  cells: string[],
  existingPortFor: ExistingPortLookup = () => undefined,
): ImportPlan {
  const index = plan.rows.findIndex((r) => r.row === row);
  if (index < 0) return plan;
  const rows: RowAnalysis[] = plan.rows.slice();
  rows[index] = analyseRow({ row, cells }, plan.headers, plan.mapping, plan.options);
  const sourceProblems = plan.problems.filter((p) => p.row !== row || !isCellProblem(p));
  return assemblePlan(plan.headers, sourceProblems, rows, plan.mapping, plan.options, existingPortFor);
}

/** Source problems tied to a cell's content (formulas, merges) stop applying once the row is edited. */
function isCellProblem(p: ImportProblem): boolean {
  return p.code.startsWith('cell-');
}

/** Cross-row part of planning, shared by {@link planImport} and {@link replanRow}. */
export function assemblePlan(
  headers: string[],
  sourceProblems: ImportProblem[],
  analyses: readonly RowAnalysis[],
  mapping: ColumnMapping,
  options: PlanOptions,
  existingPortFor: ExistingPortLookup,
): ImportPlan {
  const problems: ImportProblem[] = sourceProblems.slice();
  if (!mapping.fields.includes('number') && !problems.some((p) => p.code === 'number-missing' && p.row === 0)) {
    problems.push(problem(0, null, 'error', 'number-missing', 'No column is mapped to "Number": choose the column that holds the phone numbers'));
  }
  const firstRowOf = new Map<string, number>();
  const counts: ImportCounts = {
    rows: analyses.length, rowsOk: 0, rowsWithWarnings: 0, rowsWithErrors: 0, valid: 0, invalid: 0,
    duplicates: 0, twoOwners: 0, inOpenPort: 0, inTarget: 0, groups: 0, errors: 0, warnings: 0,
  };
  const targetPortId = options.target.kind === 'existing' ? options.target.portId : undefined;
  const owners = ownersOf(analyses, options);
  for (const list of owners.values()) if (list.length > 1) counts.twoOwners++;
  const groupColumn = mapping.groupBy !== null ? (headers[mapping.groupBy] ?? `Column ${mapping.groupBy + 1}`) : 'group';
  const rows: PlannedRow[] = analyses.map((a) => {
    const numbers: PlannedNumber[] = [];
    const rowProblems = a.rowProblems.slice();
    const numberColumn = headers[mapping.fields.indexOf('number')] ?? null;
    for (const n of a.parsed) {
      const listedUnder = owners.get(n.e164);
      if (listedUnder && listedUnder.length > 1) {
        // Giving the number to whichever customer came first would port it for the wrong one.
        numbers.push({ e164: n.e164, status: 'two-owners', owners: listedUnder });
        const names = listedUnder.map((o) => `${o.key === '' ? `no ${groupColumn}` : `"${o.key}"`} (row ${o.row})`).join(' and ');
        rowProblems.push(
          problem(a.row, numberColumn, 'error', 'number-two-owners', `Row ${a.row}: ${n.e164} is listed under ${names}; it is imported into neither until the file says whose it is`),
        );
        continue;
      }
      const first = firstRowOf.get(n.e164);
      if (first !== undefined) {
        numbers.push({ e164: n.e164, status: 'duplicate', firstRow: first });
        counts.duplicates++;
        const where = first === a.row ? 'earlier in this row' : `on row ${first}`;
        rowProblems.push(problem(a.row, numberColumn, 'warning', 'duplicate-in-file', `Row ${a.row}: ${n.e164} is also ${where}; it is imported once`));
        continue;
      }
      firstRowOf.set(n.e164, a.row);
      const port = existingPortFor(n.e164);
      if (port && port.portId === targetPortId) {
        numbers.push({ e164: n.e164, status: 'in-target', port });
        counts.inTarget++;
        rowProblems.push(problem(a.row, numberColumn, 'warning', 'already-in-target', `Row ${a.row}: ${n.e164} is already in port "${port.name}"; nothing to add`));
      } else if (port) {
        numbers.push({ e164: n.e164, status: 'in-open-port', port });
        counts.inOpenPort++;
        rowProblems.push(problem(a.row, numberColumn, 'error', 'in-open-port', `Row ${a.row}: ${n.e164} is already in the open port "${port.name}" (${port.portId})`));
      } else {
        numbers.push({ e164: n.e164, status: 'new' });
        counts.valid++;
      }
    }
    counts.invalid += a.invalid;
    const status = rowProblems.some((p) => p.severity === 'error') ? 'error' : rowProblems.length > 0 ? 'warning' : 'ok';
    if (status === 'error') counts.rowsWithErrors++;
    else if (status === 'warning') counts.rowsWithWarnings++;
    else counts.rowsOk++;
    return { ...a, numbers, problems: rowProblems, status };
  });
  const groups = buildGroups(rows, headers, mapping, options);
  counts.groups = groups.length;
  for (const p of problems) countProblem(counts, p);
  for (const g of groups) for (const p of g.problems) countProblem(counts, p);
  for (const r of rows) for (const p of r.problems) countProblem(counts, p);
  return { version: 1, headers, mapping, options, rows, groups, problems, counts };
}

/** For each number, the groups (customers) it is listed under when grouping, with the first row of each. */
function ownersOf(analyses: readonly RowAnalysis[], options: PlanOptions): Map<string, { key: string; row: number }[]> {
  const owners = new Map<string, { key: string; row: number }[]>();
  if (options.target.kind !== 'group') return owners;
  for (const a of analyses) {
    for (const n of a.parsed) {
      let list = owners.get(n.e164);
      if (!list) owners.set(n.e164, (list = []));
      if (!list.some((o) => o.key === a.groupKey)) list.push({ key: a.groupKey, row: a.row });
    }
  }
  return owners;
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

/**
 * Losing carriers per group key, for groups whose rows name more than one. A port request moves
 * numbers away from one losing carrier (one LOA, one account), so such a group becomes one new port
 * per carrier rather than one port whose other carriers' numbers would be refused.
 */
function carrierSplits(rows: readonly PlannedRow[], options: PlanOptions): Map<string, string[]> {
  const splits = new Map<string, string[]>();
  if (options.target.kind === 'existing') return splits;
  const carriers = new Map<string, Set<string>>();
  for (const r of rows) {
    const carrier = r.fields.losingCarrier;
    if (!carrier) continue;
    let set = carriers.get(r.groupKey);
    if (!set) carriers.set(r.groupKey, (set = new Set()));
    set.add(carrier);
  }
  for (const [key, set] of carriers) if (set.size > 1) splits.set(key, [...set]);
  return splits;
}

function buildGroups(rows: readonly PlannedRow[], headers: readonly string[], mapping: ColumnMapping, options: PlanOptions): PlannedGroup[] {
  const drafts = new Map<string, GroupDraft>();
  const splits = carrierSplits(rows, options);
  for (const r of rows) {
    const split = splits.get(r.groupKey);
    const carrier = split ? (r.fields.losingCarrier ?? '') : null;
    const key = carrier === null ? r.groupKey : `${r.groupKey}\u0000${carrier}`;
    let draft = drafts.get(key);
    if (!draft) {
      const target: PlannedGroup['target'] =
        options.target.kind === 'existing' ? { kind: 'existing', portId: options.target.portId } : { kind: 'new', fields: { ...EMPTY_PORT_FIELDS, name: '' } };
      draft = { group: { key, target, rows: [], numbers: [], countries: [], problems: [] }, seen: new Map(), countries: new Set(), base: r.groupKey, carrier };
      drafts.set(key, draft);
      if (split) {
        const label = r.groupKey !== '' ? `Group "${r.groupKey}"` : 'The import';
        const part = carrier ? `the ${carrier} numbers` : 'the numbers with no losing carrier';
        draft.group.problems.push(
          problem(r.row, null, 'warning', 'group-split-carrier', `${label} has numbers from ${split.length} losing carriers (${split.join(', ')}): ${part} go into a port request of their own`),
        );
      }
    }
    draft.group.rows.push(r.row);
    r.numbers.forEach((n, i) => {
      if (n.status !== 'new') return;
      draft.group.numbers.push(n.e164);
      const country = r.parsed[i]?.country;
      if (country) draft.countries.add(country);
    });
    for (const [field, value] of Object.entries(r.fields) as Array<[MappableField, string]>) {
      const first = draft.seen.get(field);
      if (!first) draft.seen.set(field, { value, row: r.row });
      else if (first.value !== value && !first.conflict) first.conflict = { value, row: r.row };
    }
  }
  const groupColumn = mapping.groupBy !== null ? headers[mapping.groupBy] : undefined;
  return [...drafts.values()].map(({ group, seen, countries, base, carrier }) => {
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
}
