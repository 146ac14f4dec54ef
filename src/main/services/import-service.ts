import { randomUUID } from 'node:crypto';
import { AppError, toAppError, type AppErrorShape } from '../../shared/errors';
import type { ImportCommitResult, ImportProblemView, ImportRowView, ImportStatus, ImportTargetInput } from '../../shared/rpc/methods/import';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Repos } from '../db/repos';
import type { RemoteConfig } from '../remotes/config';
import type { ColumnMapping } from '../import/columns';
import { isCellProblem, type PlanOptions, type PlannedRow } from '../import/plan';
import type { StagedImport, StagedPlan } from '../import/stagedPlan';
import type { ImportProgress, StoreLocation, TableInfo, WorkerSource } from '../import/protocol';
import { runImportWorker, type ImportWriter, type WorkerFactory } from '../import/runWorker';
import { checkLines, pastePieces, type PasteSource, type SourceOptions } from '../import/source';
import { ImportLayouts } from '../db/repos/import-layouts-repo';
import { earlyPreview } from '../import/earlyPreview';
import { aheadAllowed, NumbersAhead } from '../import/numbersAhead';
import { listImportBatches, undoImportBatch, type BatchGroup, type BatchSummary, type UndoResult } from '../import/batches';
import { checkPortability, type PortabilityVerdict } from '../import/portability';
import { groupNames, groupView, rowGroupName, rowHasProblem, rowProblems, rowView } from '../import/views';
import type { ChangeBus } from './changes';

/** Previews kept at once; each holds its source (its rows are staged on disk), so few. */
const MAX_SESSIONS = 3;

export interface ImportServiceDeps {
  repos: Repos;
  /** The file behind `repos`: the import's worker thread commits to it on a connection of its own. */
  store: StoreLocation;
  changes: ChangeBus;
  now?: () => number;
  /** Token and URL of a remote, for the portability check (the remotes service). */
  remoteConfig?: (remoteId: string) => RemoteConfig;
  /** The remote new ports go to (like `ports.create` without a remote); null keeps them local. */
  defaultRemoteId?: () => string | null;
  /** Worker thread factory; a bundled build passes its emitted worker file. */
  createWorker?: WorkerFactory;
  /** Heap limit of each import's worker thread (IMPORT_WORKER_HEAP_MB unless a test lowers it). */
  workerHeapMb?: number;
}

export interface StartImport {
  /** A paste as text (the window) or as its UTF-8 bytes (standard input, never one string: `portdesk import -`). */
  source: PasteSource | { kind: 'file'; name: string; bytes: Uint8Array } | { kind: 'path'; path: string };
  country: CountryCode;
  target: ImportTargetInput;
  mapping?: ColumnMapping;
  sheet?: string;
  hasHeader?: boolean;
  headerRow?: number;
  /** Group by this column (its header, any case, or 1-based position), applied to the mapping chosen on the head. */
  groupBy?: string;
  /**
   * The caller commits as soon as the source is read (the CLI): its numbers are then written
   * while it is read (numbersAhead.ts), holding the store's write lock until the commit or cancel.
   */
  writeAsRead?: boolean;
}

export interface Remap {
  mapping?: ColumnMapping;
  country?: CountryCode;
  target?: ImportTargetInput;
  sheet?: string;
  hasHeader?: boolean;
  /** The row the specialist picked as the header; another header is another set of columns. */
  headerRow?: number;
}

interface PortabilityState {
  state: ImportStatus['portability']['state'];
  done: number;
  total: number;
  verdicts?: Map<string, PortabilityVerdict>;
  error: string | null;
}

/** One import being previewed: its source (kept so it can be re-read with another mapping) and plan. */
interface Session {
  id: string;
  sourceName: string;
  source: WorkerSource;
  sourceOptions: SourceOptions;
  planOptions: PlanOptions;
  mapping?: ColumnMapping;
  /** The grouping column asked for at the start, until a mapping is known (it then holds it). */
  groupBy?: string;
  state: ImportStatus['state'];
  revision: number;
  progress: ImportProgress | null;
  table?: TableInfo;
  /** The normalised rows, staged on disk while the preview lives. */
  staged?: StagedImport;
  plan?: StagedPlan;
  /** The worker thread that read the source, kept to commit it. */
  writer?: ImportWriter;
  writeAsRead: boolean;
  /** The numbers written while the source was read, when they were. */
  ahead?: NumbersAhead;
  /** Set while the commit runs: the session can then be neither changed nor cancelled. */
  writing: boolean;
  error: AppErrorShape | null;
  controller: AbortController;
  run: Promise<void>;
  /** Rows fixed in place, re-applied when the source is checked again (remap). */
  edits: Map<number, string[]>;
  portability: PortabilityState;
  /** Indices of the rows with a problem; derived lazily, dropped with each new plan. */
  problemIndex?: number[];
  batchId: string | null;
}

/**
 * Bulk import use cases: preview (read and check in a worker thread, nothing written), fix a
 * row in place, re-check with another mapping, optional Telnyx portability check, commit as one
 * transaction, and undo of a whole import while none of it was pushed.
 */
export class ImportService {
  private readonly sessions = new Map<string, Session>();
  private readonly layouts: ImportLayouts;
  private readonly now: () => number;

  constructor(private readonly deps: ImportServiceDeps) {
    this.layouts = new ImportLayouts(deps.repos.db);
    this.now = deps.now ?? Date.now;
  }

  /** Start reading and checking a source; returns at once with the job id to poll. */
  start(input: StartImport): { jobId: string } {
    // Checked here too, so a paste past the row limit is refused before a worker gets a copy of it.
    if (input.source.kind === 'paste') checkLines(pastePieces(input.source)(), 'pasted text');
    // Pasted text is kept (for a re-check) and handed to the worker as UTF-8 bytes, like a file.
    const source: WorkerSource =
      input.source.kind === 'file'
        ? { kind: 'file', bytes: input.source.bytes, fileName: input.source.name }
        : input.source.kind === 'paste'
          ? { kind: 'paste', utf8: 'utf8' in input.source ? input.source.utf8 : new TextEncoder().encode(input.source.text) }
          : input.source;
    // The file's own name, never its folder: it names the new port ("Import of ports.csv") and the import history.
    const sourceName = input.source.kind === 'paste' ? 'pasted text' : baseName(input.source.kind === 'file' ? input.source.name : input.source.path);
    const session: Session = {
      id: randomUUID(),
      sourceName,
      source,
      sourceOptions: pickDefined({ sheet: input.sheet, hasHeader: input.hasHeader, headerRow: input.headerRow }),
      planOptions: { defaultCountry: input.country, target: input.target },
      ...(input.mapping ? { mapping: input.mapping } : {}),
      ...(input.groupBy !== undefined ? { groupBy: input.groupBy } : {}),
      state: 'reading',
      revision: 0,
      progress: null,
      error: null,
      controller: new AbortController(),
      run: Promise.resolve(),
      edits: new Map(),
      portability: { state: 'none', done: 0, total: 0, error: null },
      batchId: null,
      writing: false,
      writeAsRead: input.writeAsRead === true,
    };
    this.evictOldSessions();
    this.sessions.set(session.id, session);
    this.runWorker(session);
    return { jobId: session.id };
  }

  /** Where a job stands; with `wait`, once reading and checking have ended. */
  async status(jobId: string, wait = false): Promise<ImportStatus> {
    const session = this.session(jobId);
    if (wait) await session.run;
    return this.statusOf(session);
  }

  /** Read and check the whole source, then return the status (the CLI and the bench use this). */
  async preview(input: StartImport): Promise<ImportStatus & { jobId: string }> {
    const { jobId } = this.start(input);
    return this.status(jobId, true);
  }

  rows(jobId: string, offset: number, limit: number, filter: 'all' | 'problems'): { total: number; offset: number; rows: ImportRowView[] } {
    const session = this.session(jobId);
    const plan = this.requirePlan(session);
    const verdicts = session.portability.verdicts;
    const names = groupNames(plan, (id) => this.portName(id));
    const view = (r: PlannedRow) => rowView(r, rowGroupName(names, r), verdicts);
    if (filter === 'all') return { total: plan.rows.length, offset, rows: plan.rows.slice(offset, limit).map(view) };
    const { total, rows } = this.problemRows(session, plan, offset, limit);
    return { total, offset, rows: rows.map(view) };
  }

  /**
   * The problems of the rows that have any, `limit` rows from the `offset`th such row: what
   * {@link rows} with 'problems' says of them, without the rest of each row's view (its cells,
   * its numbers, its port's name). The CLI prints a whole import's problems through this.
   */
  problems(jobId: string, offset: number, limit: number): { total: number; problems: ImportProblemView[] } {
    const session = this.session(jobId);
    const verdicts = session.portability.verdicts;
    const { total, rows } = this.problemRows(session, this.requirePlan(session), offset, limit);
    return { total, problems: rows.flatMap((r) => rowProblems(r, verdicts)) };
  }

  /** Fix in place: replace one row's cells; only that row is normalised again. */
  fixRow(jobId: string, row: number, cells: string[]): { status: ImportStatus; row: ImportRowView | null } {
    const session = this.session(jobId);
    const plan = this.requirePlan(session);
    const staged = session.staged!;
    const width = plan.headers.length;
    if (plan.rows.find(row) && cells.length > width) throw new AppError('VALIDATION', `Row ${row} has ${width} column(s); ${cells.length} values were given`, { row });
    if (!staged.edit(row, cells, plan.headers, plan.mapping)) throw new AppError('NOT_FOUND', `Row ${row} is not in this import (it may be blank or the header)`, { row });
    session.edits.set(row, cells);
    const sourceProblems = plan.problems.filter((p) => p.row !== row || !isCellProblem(p));
    this.setPlan(session, staged.planNow({ headers: plan.headers, sourceProblems, mapping: plan.mapping, options: plan.options }, this.lookup));
    const next = session.plan!;
    const updated = next.rows.find(row);
    const names = groupNames(next, (id) => this.portName(id));
    return { status: this.statusOf(session), row: updated ? rowView(updated, rowGroupName(names, updated), session.portability.verdicts) : null };
  }

  /** Check the same source again with another mapping, country, target or sheet. */
  remap(jobId: string, change: Remap): { jobId: string } {
    const session = this.session(jobId);
    if (session.state === 'committed') throw new AppError('CONFLICT', 'This import was already written; start a new one');
    assertNotWriting(session);
    session.controller.abort(new AppError('VALIDATION', 'Superseded by a new mapping'));
    if (change.mapping) session.mapping = change.mapping;
    if (change.country) session.planOptions = { ...session.planOptions, defaultCountry: change.country };
    if (change.target) session.planOptions = { ...session.planOptions, target: change.target };
    if (change.sheet !== undefined && change.sheet !== session.sourceOptions.sheet) {
      // Another sheet is another table: its rows, columns and fixes do not carry over.
      session.sourceOptions = { ...session.sourceOptions, sheet: change.sheet };
      session.edits.clear();
      delete session.mapping;
    }
    if (change.headerRow !== undefined || change.hasHeader !== undefined) {
      // Another header row names other columns: the mapping is chosen again for them.
      const { hasHeader: _h, headerRow: _r, ...rest } = session.sourceOptions;
      session.sourceOptions = { ...rest, ...(change.headerRow !== undefined ? { headerRow: change.headerRow } : { hasHeader: change.hasHeader! }) };
      if (!change.mapping) delete session.mapping;
    }
    session.portability = { state: 'none', done: 0, total: 0, error: null };
    this.runWorker(session);
    return { jobId };
  }

  /**
   * Stop reading (the worker thread is terminated) and forget the preview; nothing is written.
   * A job committed with `keepRows` is only forgotten (its staged rows deleted).
   */
  cancel(jobId: string): { canceled: boolean } {
    const session = this.sessions.get(jobId);
    if (!session) return { canceled: false };
    assertNotWriting(session);
    session.controller.abort(new AppError('VALIDATION', 'The import was cancelled'));
    this.dropPlan(session);
    this.sessions.delete(jobId);
    return { canceled: true };
  }

  /** Run the remote portability check on every number the import would create, in batches. */
  async checkPortability(jobId: string, remoteId: string): Promise<ImportStatus> {
    const session = this.session(jobId);
    const plan = this.requirePlan(session);
    if (!this.deps.remoteConfig) throw new AppError('UNSUPPORTED', 'Remotes are not available in this PortDesk');
    const config = this.deps.remoteConfig(remoteId);
    const numbers = plan.groups.flatMap((g) => g.numbers);
    if (numbers.length === 0) throw new AppError('VALIDATION', 'There are no valid new numbers to check');
    const state: PortabilityState = { state: 'running', done: 0, total: numbers.length, error: null };
    session.portability = state;
    try {
      const verdicts = await checkPortability(config, numbers, {
        signal: session.controller.signal,
        onProgress: (done) => {
          state.done = done;
        },
      });
      state.verdicts = new Map(verdicts.map((v) => [v.e164, v]));
      state.state = 'done';
      delete session.problemIndex;
      session.revision++;
    } catch (err) {
      state.state = 'failed';
      state.error = toAppError(err).message;
      throw err;
    }
    return this.statusOf(session);
  }

  /**
   * Write the import as one transaction (all or nothing), in the worker thread that read it, so
   * the event loop serving the window stays free; or, when its numbers were written as it was
   * read ({@link StartImport.writeAsRead}), here, settling them on the plan's ports. What an error names is left out (a whole
   * row's numbers for a row-level error, one number for a number's), unless `strict`, which
   * refuses the whole import when any row has one. Numbers the portability check
   * found not portable are left out unless `skipNotPortable` is false. With `keepRows`, the
   * checked rows stay readable ({@link rows}) after the write until the job is cancelled: the
   * CLI prints the problems a page at a time once the write has freed its memory.
   */
  async commit(jobId: string, options: { strict?: boolean; skipNotPortable?: boolean; keepRows?: boolean } = {}): Promise<ImportCommitResult> {
    const session = this.session(jobId);
    if (session.state === 'committed') throw new AppError('CONFLICT', `This import was already written (import ${session.batchId})`);
    assertNotWriting(session);
    try {
      return await this.write(session, options);
    } finally {
      // Refused or failed, nothing written ahead stays, nor holds the store's write lock.
      session.ahead?.abandon();
    }
  }

  private async write(session: Session, options: { strict?: boolean; skipNotPortable?: boolean; keepRows?: boolean }): Promise<ImportCommitResult> {
    const plan = this.requirePlan(session);
    const fileErrors = plan.problems.filter((p) => p.severity === 'error');
    if (fileErrors.length > 0) throw new AppError('VALIDATION', `Nothing was imported: ${fileErrors[0]!.message}`, { problems: fileErrors });
    const errorRows = plan.rows.indicesWith(2);
    if (options.strict && errorRows.length > 0) {
      const rows = errorRows.map((i) => plan.rows.at(i)!);
      const first = rows[0]!.problems.find((p) => p.severity === 'error');
      throw new AppError(
        'VALIDATION',
        `Strict import refused: ${errorRows.length} row(s) have a problem (first: ${first?.message ?? `row ${rows[0]!.row}`}); nothing was imported`,
        { rows: rows.map((r) => r.row) },
      );
    }
    const verdicts = session.portability.verdicts;
    const skip = verdicts && options.skipNotPortable !== false ? (n: string) => verdicts.get(n)?.portable === false : () => false;
    let notPortableSkipped = 0;
    // Only what the write needs crosses to the worker (a group's rows and problems stay here).
    const groups: BatchGroup[] = plan.groups.map((g) => {
      const numbers = g.numbers.filter((n) => !skip(n));
      notPortableSkipped += g.numbers.length - numbers.length;
      return { target: g.target, numbers };
    });
    const writer = session.writer;
    if (!writer) throw new AppError('INTERNAL', 'The import worker is gone; check the file again');
    const now = this.now();
    const remoteId = this.deps.defaultRemoteId?.() ?? null;
    const ahead = session.ahead?.active ? session.ahead : undefined;
    const rememberLayout = () => session.table && this.layouts.remember(session.table.signature, plan.mapping, now);
    session.writing = true;
    let written;
    try {
      if (ahead) {
        // In the import's transaction: kept only with it. After the commit it would be the first
        // write of this connection past the WAL's threshold, and copy the whole WAL into the file
        // on this thread (~100 ms for 100k rows); the worker does that copy (below).
        rememberLayout();
        // Written ahead, the rest is a few rows and the commit: here, on this connection, which holds the transaction.
        written = ahead.write(groups, session.sourceName, now, remoteId);
      } else {
        written = await writer.write({ store: this.deps.store, groups, source: session.sourceName, now, remoteId });
        rememberLayout();
      }
    } finally {
      session.writing = false;
    }
    session.state = 'committed';
    session.batchId = written.batchId;
    // The thread's part is done: ending it frees its heap before the rows are read again. After a
    // commit on main (written ahead), it first copies the WAL into the file, while the caller
    // reports: main's commit leaves that out (holdWrite). A failed copy is SQLite's to do later.
    delete session.writer;
    void (ahead ? writer.checkpoint(this.deps.store).catch(() => undefined) : Promise.resolve()).then(() => writer.close());
    if (!options.keepRows) {
      // The plan is no longer needed; free it now rather than when the session is evicted.
      this.dropPlan(session);
      this.sessions.delete(session.id);
    }
    this.deps.changes.emit({ type: 'ports', ids: written.ports.map((p) => p.portId), removed: [] });
    return { ...written, skippedRows: errorRows.length - plan.counts.rowsPartial, partialRows: plan.counts.rowsPartial, notPortableSkipped };
  }

  /** Undo a whole import in one transaction, while none of it was pushed. */
  undo(batchId: string): UndoResult {
    const result = undoImportBatch(this.deps.repos, batchId, this.now());
    this.deps.changes.emit({ type: 'ports', ids: result.changedPorts, removed: result.removedPorts });
    return result;
  }

  /** The most recent imports, newest first, with whether each can still be undone. */
  batches(limit = 20): BatchSummary[] {
    return listImportBatches(this.deps.repos, limit);
  }

  private readonly lookup = (e164s: readonly string[]) => this.deps.repos.numbers.openOwners(e164s);

  private runWorker(session: Session): void {
    const controller = new AbortController();
    session.controller = controller;
    session.state = 'reading';
    session.progress = null;
    delete session.table;
    this.dropPlan(session);
    session.error = null;
    // Each run gets its own copy of the bytes: the worker takes (transfers) the buffer it is given.
    const kept = session.source;
    const source: WorkerSource = kept.kind === 'file' ? { ...kept, bytes: kept.bytes.slice() } : kept.kind === 'paste' ? { kind: 'paste', utf8: kept.utf8.slice() } : kept;
    const remembered = this.layouts.all();
    const groupBy = session.mapping ? undefined : session.groupBy;
    const ahead = session.writeAsRead && aheadAllowed(session.source) ? new NumbersAhead(this.deps.repos, session.planOptions.target) : undefined;
    if (ahead) session.ahead = ahead;
    // The first rows, from the head of the source, while the worker thread boots.
    void earlyPreview(session.source, session.sourceOptions, session.mapping, remembered, session.planOptions.defaultCountry, groupBy).then((table) => {
      if (table && !controller.signal.aborted && !session.table) session.table = table;
    });
    session.run = runImportWorker(
      {
        source,
        sourceOptions: session.sourceOptions,
        ...(session.mapping ? { mapping: session.mapping } : groupBy !== undefined ? { groupBy } : {}),
        remembered,
        planOptions: session.planOptions,
      },
      {
        signal: controller.signal,
        lookup: this.lookup,
        ...(ahead ? { ahead } : {}),
        ...(this.deps.createWorker ? { createWorker: this.deps.createWorker } : {}),
        ...(this.deps.workerHeapMb ? { heapMb: this.deps.workerHeapMb } : {}),
        onTable: (table) => {
          if (controller.signal.aborted) return;
          session.table = table;
          session.state = 'checking';
        },
        onProgress: (progress) => {
          if (!controller.signal.aborted) session.progress = progress;
        },
      },
    )
      .then(async ({ table, staged, writer }) => {
        if (controller.signal.aborted) {
          writer.close();
          return staged.close();
        }
        session.table = table;
        session.mapping = table.mapping;
        session.staged = staged;
        session.writer = writer;
        if (session.planOptions.target.kind === 'group' && table.mapping.groupBy === null) {
          // Nothing to group by: one new port named after the source, not a port called "No group".
          // Only the cross-row pass depends on the target, so the rows are not normalised again.
          session.planOptions = { ...session.planOptions, target: { kind: 'new', name: `Import of ${session.sourceName}`.slice(0, 128) } };
        }
        let sourceProblems = table.problems;
        for (const [row, cells] of session.edits) {
          if (staged.edit(row, cells, table.headers, table.mapping)) sourceProblems = sourceProblems.filter((p) => p.row !== row || !isCellProblem(p));
        }
        const setting = { headers: table.headers, sourceProblems, mapping: table.mapping, options: session.planOptions };
        const plan = await staged.plan(setting, this.lookup, () => new Promise((resolve) => setImmediate(resolve)));
        if (controller.signal.aborted) return;
        this.setPlan(session, plan);
        session.state = 'ready';
      })
      .then(undefined, (err: unknown) => {
        if (controller.signal.aborted) {
          if (session.controller === controller) session.state = 'canceled';
          return;
        }
        session.state = 'failed';
        session.error = toAppError(err);
      });
  }

  /** Rows with a problem, `limit` from the `offset`th such row, and how many there are. */
  private problemRows(session: Session, plan: StagedPlan, offset: number, limit: number): { total: number; rows: PlannedRow[] } {
    const verdicts = session.portability.verdicts;
    // Without portability verdicts the kept statuses say which rows have a problem; with them every row is looked at once.
    session.problemIndex ??= verdicts ? [...plan.rows].flatMap((r, i) => (rowHasProblem(r, verdicts) ? [i] : [])) : plan.rows.indicesWith(1);
    const indices = session.problemIndex;
    const rows: PlannedRow[] = [];
    for (let i = offset; i < Math.min(indices.length, offset + limit); i++) {
      const r = plan.rows.at(indices[i]!);
      if (r) rows.push(r);
    }
    return { total: indices.length, rows };
  }

  /** Forget a session's plan and delete its staged rows. */
  private dropPlan(session: Session): void {
    session.ahead?.abandon();
    delete session.ahead;
    session.staged?.close();
    session.writer?.close();
    delete session.staged;
    delete session.writer;
    delete session.plan;
    delete session.problemIndex;
  }

  private setPlan(session: Session, plan: StagedPlan): void {
    session.plan = plan;
    delete session.problemIndex;
    session.revision++;
  }

  private statusOf(session: Session): ImportStatus {
    const { plan, table, portability } = session;
    const verdicts = portability.verdicts ? [...portability.verdicts.values()] : [];
    return {
      jobId: session.id,
      sourceName: session.sourceName,
      state: session.state,
      target: session.planOptions.target,
      revision: session.revision,
      progress: session.progress,
      table: table
        ? {
            format: table.format,
            headers: table.headers,
            hasHeader: table.hasHeader,
            headerRow: table.headerRow ?? null,
            headRows: table.headRows ?? [],
            totalRows: table.totalRows,
            preview: table.preview,
            mapping: plan?.mapping ?? table.mapping,
            mappingSource: table.mappingSource,
            signature: table.signature,
            ...pickDefined({ encoding: table.encoding, delimiter: table.delimiter, sheet: table.sheet, sheets: table.sheets }),
          }
        : null,
      counts: plan?.counts ?? null,
      groups: plan ? plan.groups.map((g) => groupView(g, (id) => this.portName(id))) : null,
      problems: plan ? plan.problems : (table?.problems ?? []),
      portability: {
        state: portability.state,
        done: portability.done,
        total: portability.total,
        portable: verdicts.filter((v) => v.portable).length,
        notPortable: verdicts.filter((v) => !v.portable).length,
        error: portability.error,
      },
      error: session.error,
      batchId: session.batchId,
    };
  }

  private portName(portId: string): string {
    return this.deps.repos.ports.get(portId)?.name ?? portId;
  }

  private session(jobId: string): Session {
    const session = this.sessions.get(jobId);
    if (!session) throw new AppError('NOT_FOUND', `No import in progress with id ${jobId}; it was finished, cancelled or replaced by a newer one`, { jobId });
    return session;
  }

  private requirePlan(session: Session): StagedPlan {
    if (session.plan) return session.plan;
    if (session.state === 'failed') throw new AppError(session.error?.code ?? 'INTERNAL', session.error?.message ?? 'The import failed', session.error?.details);
    if (session.state === 'canceled') throw new AppError('VALIDATION', 'The import was cancelled');
    throw new AppError('CONFLICT', 'The import is still being checked; wait for it to finish');
  }

  private evictOldSessions(): void {
    // An import being written finishes first; the next oldest makes room instead.
    const idle = [...this.sessions.values()].filter((s) => !s.writing);
    for (let i = 0; this.sessions.size >= MAX_SESSIONS && i < idle.length; i++) this.cancel(idle[i]!.id);
  }
}

function assertNotWriting(session: Session): void {
  if (session.writing) throw new AppError('CONFLICT', 'This import is being written; it can be undone once written');
}

function pickDefined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The last part of a path written with either separator (a Windows path may reach a POSIX host). */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
