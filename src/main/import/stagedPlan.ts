import Database from 'better-sqlite3';
import type { ColumnMapping } from './columns';
import type { ImportProblem } from './problems';
import {
  analyseRow,
  emptyCounts,
  FileFacts,
  finishPlan,
  planRow,
  rowContext,
  type FactsRow,
  type ImportPlan,
  type OpenOwnersLookup,
  type PlannedRow,
  type PlanOptions,
  type RowAnalysis,
} from './plan';

/** A normalised row as the worker hands it over: what the first pass needs, and the whole row as JSON. */
export type StagedAnalysis = FactsRow & { json: string };

/** Rows read back and planned at a time; between two pages the event loop gets a turn. */
const PAGE_ROWS = 500;

/**
 * The normalised rows of one import, kept in a private temporary SQLite database (SQLite deletes
 * it when closed; its page cache is capped) rather than in memory, so a million-row import
 * pages through its rows. Nothing here touches the app's database.
 */
class StagedRows {
  private readonly db = new Database('');
  private readonly insert;
  private readonly pageStmt;
  private readonly byRowStmt;
  private readonly byIdxStmt;
  private readonly updateStmt;
  count = 0;

  constructor() {
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -8192');
    this.db.exec('CREATE TABLE rows (idx INTEGER PRIMARY KEY, row INTEGER NOT NULL, json TEXT NOT NULL); CREATE INDEX rows_row ON rows (row)');
    this.insert = this.db.prepare('INSERT INTO rows (idx, row, json) VALUES (?, ?, ?)');
    this.pageStmt = this.db.prepare('SELECT json FROM rows WHERE idx >= ? ORDER BY idx LIMIT ?').pluck();
    this.byRowStmt = this.db.prepare('SELECT idx, json FROM rows WHERE row = ?');
    this.byIdxStmt = this.db.prepare('SELECT json FROM rows WHERE idx = ?').pluck();
    this.updateStmt = this.db.prepare('UPDATE rows SET json = ? WHERE idx = ?');
  }

  append(rows: readonly StagedAnalysis[]): void {
    this.db.transaction(() => {
      for (const r of rows) this.insert.run(this.count++, r.row, r.json);
    })();
  }

  /** Up to `limit` rows from index `from` (0-based, file order). */
  page(from: number, limit: number): RowAnalysis[] {
    return (this.pageStmt.all(from, limit) as string[]).map((json) => JSON.parse(json) as RowAnalysis);
  }

  at(idx: number): RowAnalysis | undefined {
    const json = this.byIdxStmt.get(idx) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as RowAnalysis);
  }

  find(row: number): { idx: number; analysis: RowAnalysis } | undefined {
    const hit = this.byRowStmt.get(row) as { idx: number; json: string } | undefined;
    return hit && { idx: hit.idx, analysis: JSON.parse(hit.json) as RowAnalysis };
  }

  replace(idx: number, analysis: RowAnalysis): void {
    this.updateStmt.run(JSON.stringify(analysis), idx);
  }

  /** Every row in file order, a page at a time. */
  *all(): Generator<RowAnalysis[]> {
    for (let from = 0; from < this.count; from += PAGE_ROWS) yield this.page(from, PAGE_ROWS);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * The rows of a staged plan, planned again on demand: a page for the preview table, one row
 * for a fix, a full pass to commit. Their status is kept (one byte a row) so the problems list
 * pages without planning every row.
 */
export class PlannedRows implements Iterable<PlannedRow> {
  constructor(
    private readonly staged: StagedRows,
    private readonly planOne: (a: RowAnalysis) => PlannedRow,
    /** Status of each row by index: 0 ok, 1 warning, 2 error. */
    private readonly statuses: Uint8Array,
  ) {}

  get length(): number {
    return this.staged.count;
  }

  /** Rows `offset`..`offset + limit` in file order. */
  slice(offset: number, limit: number): PlannedRow[] {
    return this.staged.page(offset, Math.max(0, limit)).map(this.planOne);
  }

  /** Indices of the rows whose status is at least `min` (1: any problem, 2: errors). */
  indicesWith(min: 1 | 2): number[] {
    const out: number[] = [];
    this.statuses.forEach((s, i) => {
      if (s >= min) out.push(i);
    });
    return out;
  }

  at(idx: number): PlannedRow | undefined {
    const a = this.staged.at(idx);
    return a && this.planOne(a);
  }

  find(row: number): PlannedRow | undefined {
    const hit = this.staged.find(row);
    return hit && this.planOne(hit.analysis);
  }

  *[Symbol.iterator](): Iterator<PlannedRow> {
    for (const page of this.staged.all()) for (const a of page) yield this.planOne(a);
  }
}

export type StagedPlan = ImportPlan<PlannedRows>;

/** What planning needs besides the rows: the table's final shape, the mapping and target. */
export interface PlanSetting {
  headers: string[];
  sourceProblems: ImportProblem[];
  mapping: ColumnMapping;
  options: PlanOptions;
}

/**
 * One import's rows on their way to a plan. The worker's batches are appended as they come (the
 * first pass: {@link FileFacts}); {@link StagedImport.plan} then plans every row once for the
 * counts and groups, a page at a time, giving the event loop a turn between pages.
 */
export class StagedImport {
  private readonly rows = new StagedRows();
  private facts: FileFacts;
  private factsStale = false;

  /** With `lookup`, the open ports holding a batch's numbers are looked for as it is added, not all at the end. */
  constructor(
    private readonly options: PlanOptions,
    private readonly lookup?: OpenOwnersLookup,
  ) {
    this.facts = new FileFacts(options);
  }

  add(batch: readonly StagedAnalysis[]): void {
    this.rows.append(batch);
    for (const a of batch) this.facts.add(a);
    if (this.lookup) for (const _ of this.facts.lookUp(this.lookup));
  }

  /** Replace one row's cells (a fix in place); false when no row has that number. */
  edit(row: number, cells: string[], headers: readonly string[], mapping: ColumnMapping): boolean {
    const hit = this.rows.find(row);
    if (!hit) return false;
    this.rows.replace(hit.idx, analyseRow({ row, cells }, headers, mapping, this.options));
    this.factsStale = true;
    return true;
  }

  /** Plan every row: counts, groups, statuses. `pace` is awaited between pages (a turn of the event loop). */
  async plan(setting: PlanSetting, lookup: OpenOwnersLookup, pace: () => Promise<void>): Promise<StagedPlan> {
    const run = this.planSteps(setting, lookup);
    for (let step = run.next(); ; step = run.next()) {
      if (step.done) return step.value;
      await pace();
    }
  }

  /** {@link plan} in one go (a fix in place answers at once). */
  planNow(setting: PlanSetting, lookup: OpenOwnersLookup): StagedPlan {
    const run = this.planSteps(setting, lookup);
    for (let step = run.next(); ; step = run.next()) if (step.done) return step.value;
  }

  close(): void {
    this.rows.close();
  }

  private *planSteps(setting: PlanSetting, lookup: OpenOwnersLookup): Generator<void, StagedPlan> {
    const { headers, sourceProblems, mapping, options } = setting;
    if (this.factsStale) {
      this.facts = new FileFacts(this.options);
      for (const page of this.rows.all()) {
        for (const a of page) this.facts.add(a);
        yield;
      }
      this.factsStale = false;
    }
    const facts = this.facts;
    yield* facts.lookUp(lookup);
    const ctx = rowContext(headers, mapping, options);
    const counts = emptyCounts(facts);
    const statuses = new Uint8Array(this.rows.count);
    yield* facts.planAll(ctx, counts, statuses);
    const planOne = (a: RowAnalysis) => planRow(a, facts, ctx);
    return finishPlan(headers, sourceProblems, new PlannedRows(this.rows, planOne, statuses), mapping, options, counts, facts.groups(headers, mapping, options));
  }
}
