import Database from 'better-sqlite3';
import type { ColumnMapping } from './columns';
import { GrowingInts } from './numberIndex';
import type { NumbersAhead } from './numbersAhead';
import type { ImportProblem } from './problems';
import {
  analyseRow,
  emptyCounts,
  FileFacts,
  finishPlan,
  planRow,
  rowContext,
  type ImportPlan,
  type OpenOwnersLookup,
  type PlannedRow,
  type PlanOptions,
  type RowAnalysis,
} from './plan';

/**
 * The normalised rows of one import, kept in a private temporary SQLite database (SQLite deletes
 * it when closed; its page cache is capped) rather than in memory, so a million-row import
 * pages through its rows. Each batch is kept as the worker sent it, one JSON array (see
 * {@link StagedImport.add}): one insert a batch, not one a row (staging row by row was a third
 * of main's share of an import). A read parses the batch it falls in and keeps that batch parsed
 * until a read falls in another, so the problems list, paging in file order, parses each batch
 * once. Nothing here touches the app's database.
 *
 * An import committed as soon as it is read (the CLI) keeps its batches in memory while they
 * come to under {@link StagedRows.memoryBytes} of text, and the rows likely to be read one by one
 * (those with a problem: {@link StagedRows.keep}) as parsed: its main thread is then the slower
 * of the two while reading (it also writes the numbers), and a 100k-row import's problems list
 * parsed every batch again (25 MB) after the commit. Past that size, everything goes to disk as usual.
 */
class StagedRows {
  private readonly db = new Database('');
  private readonly insert;
  private readonly batchStmt;
  private readonly updateStmt;
  /** Batches' text while kept in memory (none once past {@link memoryBytes}). */
  private held: string[] | undefined;
  private heldBytes = 0;
  /** Rows kept parsed, by index: read without parsing their batch. */
  private readonly kept = new Map<number, RowAnalysis>();
  /** Index of each batch's first row, by batch. */
  private readonly starts = new GrowingInts();
  /** Each row's number (as the source numbers it), by index: a fix names its row by number. */
  private readonly rowNumbers = new GrowingInts();
  /** The batch read last, parsed: its rows are shared by the reads that return them, read-only. */
  private parsed: { batch: number; rows: RowAnalysis[] } | undefined;
  count = 0;

  constructor(private readonly memoryBytes = 0) {
    if (memoryBytes > 0) this.held = [];
    // A batch is ~250 KB of text: 64 KB pages hold it in 4 pages, not 63 overflow pages of 4 KB.
    this.db.pragma('page_size = 65536');
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -8192');
    this.db.exec('CREATE TABLE batches (batch INTEGER PRIMARY KEY, rows TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO batches (batch, rows) VALUES (?, ?)');
    this.batchStmt = this.db.prepare('SELECT rows FROM batches WHERE batch = ?').pluck();
    this.updateStmt = this.db.prepare('UPDATE batches SET rows = ? WHERE batch = ?');
  }

  /** Stage one batch: its rows, and their text as the worker sent it. */
  append(rows: readonly RowAnalysis[], json: string): void {
    if (rows.length === 0) return;
    this.heldBytes += json.length;
    if (this.held && this.heldBytes > this.memoryBytes) this.spill();
    if (this.held) this.held.push(json);
    else this.insert.run(this.starts.length, json);
    this.starts.push(this.count);
    for (const r of rows) this.rowNumbers.push(r.row);
    this.count += rows.length;
  }

  /** Up to `limit` rows from index `from` (0-based, file order). */
  page(from: number, limit: number): RowAnalysis[] {
    const out: RowAnalysis[] = [];
    const end = Math.min(from + limit, this.count);
    for (let idx = from; idx < end; ) {
      const batch = this.batchOf(idx);
      const rows = this.rowsOf(batch);
      const start = this.starts.at(batch);
      const stop = Math.min(end, start + rows.length);
      for (; idx < stop; idx++) out.push(rows[idx - start]!);
    }
    return out;
  }

  /** Keep a row of the batch just appended as parsed (while batches are held in memory). */
  keep(idx: number, analysis: RowAnalysis): void {
    if (this.held) this.kept.set(idx, analysis);
  }

  at(idx: number): RowAnalysis | undefined {
    if (idx < 0 || idx >= this.count) return undefined;
    const kept = this.kept.get(idx);
    if (kept) return kept;
    const batch = this.batchOf(idx);
    return this.rowsOf(batch)[idx - this.starts.at(batch)];
  }

  find(row: number): { idx: number; analysis: RowAnalysis } | undefined {
    const idx = this.rowNumbers.indexOf(row);
    return idx < 0 ? undefined : { idx, analysis: this.at(idx)! };
  }

  replace(idx: number, analysis: RowAnalysis): void {
    const batch = this.batchOf(idx);
    const rows = this.rowsOf(batch).slice();
    rows[idx - this.starts.at(batch)] = analysis;
    if (this.held) this.held[batch] = JSON.stringify(rows);
    else this.updateStmt.run(JSON.stringify(rows), batch);
    this.kept.delete(idx);
    this.parsed = { batch, rows };
  }

  /** Every row in file order, a batch at a time. */
  *all(): Generator<RowAnalysis[]> {
    for (let batch = 0; batch < this.starts.length; batch++) yield this.rowsOf(batch);
  }

  close(): void {
    this.parsed = undefined;
    this.held = undefined;
    this.kept.clear();
    if (this.db.open) this.db.close();
  }

  /** Past the memory budget: the batches held so far go to disk, and the rows kept are let go. */
  private spill(): void {
    const held = this.held!;
    this.held = undefined;
    this.kept.clear();
    held.forEach((json, batch) => this.insert.run(batch, json));
  }

  /** The batch holding row index `idx` (the last batch starting at or before it). */
  private batchOf(idx: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts.at(mid) <= idx) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private rowsOf(batch: number): RowAnalysis[] {
    if (this.parsed?.batch !== batch) this.parsed = { batch, rows: JSON.parse(this.held?.[batch] ?? (this.batchStmt.get(batch) as string)) as RowAnalysis[] };
    return this.parsed.rows;
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

/** Text of the batches an import committed as soon as read keeps in memory (see {@link StagedRows}). */
const MEMORY_STAGE_BYTES = 48 * 1024 * 1024;

/**
 * One import's rows on their way to a plan. The worker's batches are appended as they come (the
 * first pass: {@link FileFacts}); {@link StagedImport.plan} then plans every row once for the
 * counts and groups, a page at a time, giving the event loop a turn between pages.
 */
export class StagedImport {
  private readonly rows: StagedRows;
  private facts: FileFacts;
  private factsStale = false;

  /**
   * With `lookup`, the open ports holding a batch's numbers are looked for as it is added, not all
   * at the end; with `ahead`, its new numbers are then written ahead of the commit.
   */
  constructor(
    private readonly options: PlanOptions,
    private readonly lookup?: OpenOwnersLookup,
    private readonly ahead?: NumbersAhead,
    memoryBytes = ahead ? MEMORY_STAGE_BYTES : 0,
  ) {
    this.rows = new StagedRows(memoryBytes);
    this.facts = new FileFacts(options);
  }

  /** Add one batch as the worker sends it: its rows' {@link RowAnalysis} as one JSON array. */
  add(json: string): void {
    const batch = JSON.parse(json) as RowAnalysis[];
    const first = this.rows.count;
    this.rows.append(batch, json);
    batch.forEach((a, i) => {
      if (this.facts.add(a)) this.rows.keep(first + i, a);
    });
    if (this.lookup) for (const _ of this.facts.lookUp(this.lookup));
    this.ahead?.place(this.facts);
  }

  /** Replace one row's cells (a fix in place); false when no row has that number. */
  edit(row: number, cells: string[], headers: readonly string[], mapping: ColumnMapping): boolean {
    const hit = this.rows.find(row);
    if (!hit) return false;
    // A broken cell the fix left as it was still holds no value to import.
    const before = hit.analysis;
    const issues = before.issues?.filter((issue) => (cells[issue.col] ?? '') === (before.cells[issue.col] ?? ''));
    this.rows.replace(hit.idx, analyseRow(issues?.length ? { row, cells, issues } : { row, cells }, headers, mapping, this.options));
    this.factsStale = true;
    // Written for the rows as they were: the commit writes the fixed ones the usual way.
    this.ahead?.abandon();
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
    this.ahead?.abandon();
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
