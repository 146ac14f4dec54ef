import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
// Modules rather than the documents barrel: that one loads the PDF toolkit, which a sync process never needs.
import { ContentStore } from '../documents/contentStore';
import { MAX_ATTACHMENT_BYTES } from '../documents/limits';
import type { SyncReport, SyncStatusView, RemoteSyncStatus } from '../../shared/rpc/methods/sync';
import type { ChangeEvent } from '../../shared/rpc/events';
import type { RemoteKind } from '../../shared/model';
import type { Db } from '../db/connection';
import { createRepos, type Repos } from '../db/repos';
import type { PortsRepo } from '../db/repos/ports-repo';
import type { LeaseHolder, SyncLeaseRepo } from '../db/repos/sync-lease-repo';
import type { RemoteConfig } from '../remotes/config';
import { KazooAdapter } from './adapters/kazoo';
import { TelnyxAdapter } from './adapters/telnyx';
import type { AdapterContext, RemoteAdapter } from './adapters/types';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { RemoteError } from './errors';
import { pull } from './pull';
import { cancelRefusalOf, openDuplicates, readDuplicate, settleDuplicate } from './duplicates';
import { readUnreadable, storeUnreadable } from './pull-failures';
import { pool } from './pool';
import { pushPort, type PortPushOutcome, type PushContext } from './push';
import { SyncStore } from './store';

/** Where the engine announces changes (the app's change bus; declared here so sync does not depend on services). */
export interface ChangeSink {
  emit(event: ChangeEvent): void;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

/** A remote as the engine needs it. */
export interface RemoteRef {
  id: string;
  name: string;
  kind: RemoteKind;
}

/** The remotes to sync and their adapter configuration (the remotes service provides it). */
export interface RemoteDirectory {
  list(): RemoteRef[];
  config(id: string): RemoteConfig;
}

export interface SyncEngineOptions {
  db: Db;
  /** The repositories over `db` (made here when not given). */
  repos?: Repos;
  changes: ChangeSink;
  remotes: RemoteDirectory;
  now?: () => number;
  backoff?: BackoffPolicy;
  /** Ports pushed at the same time per remote. */
  concurrency?: number;
  adapterFor?: (config: RemoteConfig, ctx: AdapterContext) => RemoteAdapter;
  random?: () => number;
  /** Background timer period. */
  intervalMs?: number;
  /** Delay after a local change before a background sync starts. */
  debounceMs?: number;
  /** Who this engine is, as another process sees it when this one holds the sync lease. */
  owner?: string;
  /** Attachment bytes (default: `attachments/` beside the database, as the AppContext has it). */
  content?: ContentStore;
  /** How long past the request timeout an unanswered create may still land (default 2 min; tests shorten it). */
  lateCreateMarginMs?: number;
}

export interface SyncNowOptions {
  remoteId?: string;
  confirmRemovals?: boolean;
  /** How long this run may wait for backoff delays to pass (0: do what is due now and stop). */
  waitMs?: number;
  /**
   * Someone is waiting on this run ("Sync now"): a remote that could not be connected to at all
   * ends its part of the run at once, rather than being retried within `waitMs`, so the specialist
   * learns in seconds that it cannot be reached. A slow server or a lost answer is not that.
   */
  stopWhenUnreachable?: boolean;
}

/** How a remote's push rounds ended: nothing left due, stopped (paused, a refused certificate, network faults), or the remote could not be connected to. */
type PushEnd = 'done' | 'stopped' | 'unreachable';

/** How long a sync lease lasts unless renewed (a killed process frees the database after this). */
const LEASE_TTL_MS = 15_000;
const LEASE_POLL_MS = 200;

/** Most ports a status lists by name in one section (late creates); the counts cover the rest. */
const MAX_LISTED = 50;

/** Push rounds per remote per run: each round drains what is due; the cap keeps the loop bounded. */
const MAX_ROUNDS = 40;

export function createAdapter(config: RemoteConfig, ctx: AdapterContext = { accountOf: () => null }): RemoteAdapter {
  return config.kind === 'kazoo' ? new KazooAdapter(config, ctx) : new TelnyxAdapter(config, ctx);
}

/**
 * The sync engine: for each remote, push the outbox (ports in parallel, each port's changes in
 * order), then pull and reconcile. Every step commits before the next network call, so a crash
 * anywhere resumes from the database. Runs are serialised; status is kept in `sync_state` so
 * another process (the CLI) reads the same picture.
 */
export class SyncEngine {
  readonly store: SyncStore;
  readonly content: ContentStore;
  private readonly now: () => number;
  private readonly holder: LeaseHolder;
  private readonly progress = new Map<string, { done: number; total: number }>();
  /** Ports whose create is on the wire from this engine: awaiting its answer, not a late create (yet). */
  private readonly creating = new Set<string>();
  private current: Promise<SyncReport> | null = null;
  private timers: { interval?: NodeJS.Timeout; debounce?: NodeJS.Timeout; unsubscribe?: () => void } = {};
  private applying = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.store = new SyncStore(options.repos ?? createRepos(options.db));
    this.content = options.content ?? new ContentStore(join(dirname(options.db.name), 'attachments'));
    this.now = options.now ?? Date.now;
    const host = hostname();
    this.holder = { owner: `${options.owner ?? 'PortDesk'} (pid ${process.pid} on ${host}, run ${randomUUID().slice(0, 8)})`, pid: process.pid, host };
  }

  /** Run a sync now (or join the one running). Resolves with what was done and what is left. */
  syncNow(opts: SyncNowOptions = {}): Promise<SyncReport> {
    if (this.current) return this.current;
    const run = this.runAll(opts).finally(() => {
      this.current = null;
    });
    this.current = run;
    return run;
  }

  /**
   * One sync per database: runs hold a lease row (owner, expiry) renewed while they run, so the
   * app, the host and the CLI never push or pull the same store at once. A second one waits for
   * the lease within its `waitMs`, then says who holds it.
   */
  private async runAll(opts: SyncNowOptions): Promise<SyncReport> {
    const lease = this.store.repos.syncLease;
    const me = this.holder;
    const deadline = this.now() + (opts.waitMs ?? 0);
    while (!lease.acquire(me, this.now(), LEASE_TTL_MS) && !this.takeFromDead(lease.holder())) {
      if (this.now() >= deadline) {
        const holder = lease.holder();
        const message = `Another PortDesk is syncing this database (${holder?.owner ?? 'unknown'}); try again when it is done`;
        return { converged: false, message, unfinished: [], pushed: 0, pulled: 0, conflicts: 0, blocked: 0, waiting: 0, unreachable: [] };
      }
      await sleep(LEASE_POLL_MS);
    }
    const renew = setInterval(() => {
      if (this.options.db.open) lease.acquire(me, this.now(), LEASE_TTL_MS);
    }, LEASE_TTL_MS / 3);
    renew.unref();
    try {
      return await this.runLeased(opts);
    } finally {
      clearInterval(renew);
      if (this.options.db.open) lease.release(me.owner);
    }
  }

  /** A holder on this machine whose process is gone (killed) does not hold the database until its lease expires. */
  private takeFromDead(holder: ReturnType<SyncLeaseRepo['holder']>): boolean {
    if (!holder || holder.pid === null || holder.host !== this.holder.host || processAlive(holder.pid)) return false;
    return this.store.repos.syncLease.takeOver(this.holder, holder.owner, this.now(), LEASE_TTL_MS);
  }

  private async runLeased(opts: SyncNowOptions): Promise<SyncReport> {
    const report: SyncReport = { converged: true, message: 'Everything is in sync', unfinished: [], pushed: 0, pulled: 0, conflicts: 0, blocked: 0, waiting: 0, unreachable: [] };
    const remotes = this.options.remotes.list().filter((r) => !opts.remoteId || r.id === opts.remoteId);
    if (opts.remoteId && remotes.length === 0) throw new AppError('NOT_FOUND', `No remote with id ${opts.remoteId}`);
    const deadline = this.now() + (opts.waitMs ?? 0);
    const failed: string[] = [];
    const failedIds = new Set<string>();
    for (const remote of remotes) {
      const failure = await this.syncRemote(remote, opts, deadline, report);
      if (failure) {
        failed.push(`${remote.name}: ${failure}`);
        failedIds.add(remote.id);
      }
    }
    const left = remotes.map((r) => ({ r, c: this.store.repos.outbox.counts(r.id) }));
    const queued = left.reduce((n, x) => n + x.c.queued, 0);
    report.blocked = left.reduce((n, x) => n + x.c.blocked, 0);
    report.conflicts = left.reduce((n, x) => n + x.c.conflicts, 0);
    report.waiting = queued;
    const paused = remotes.filter((r) => this.store.getState(r.id, 'paused'));
    const held = remotes.filter((r) => this.store.getState(r.id, 'held_removals'));
    const unreachable = new Set(report.unreachable.map((u) => u.remoteId));
    report.unfinished = left
      .filter(({ r, c }) => failedIds.has(r.id) || unreachable.has(r.id) || c.queued > 0 || paused.includes(r) || held.includes(r))
      .map(({ r }) => ({ remoteId: r.id, name: r.name }));
    report.converged = report.unfinished.length === 0;
    const parts: string[] = [...failed];
    // An unreachable remote's own sentence counts its queued changes.
    const queuedElsewhere = queued - report.unreachable.reduce((n, u) => n + u.queued, 0);
    if (queuedElsewhere > 0) parts.push(`${queuedElsewhere} change(s) still queued`);
    if (paused.length > 0) parts.push(`${paused.map((r) => r.name).join(', ')} paused: ${paused.map((r) => this.store.getState(r.id, 'paused')).join('; ')}`);
    if (held.length > 0) parts.push('a pull that would remove most ports is waiting for confirmation');
    if (report.blocked > 0) parts.push(`${report.blocked} change(s) blocked by the server`);
    if (report.conflicts > 0) parts.push(`${report.conflicts} conflict(s) to resolve`);
    const unassigned = this.store.repos.outbox.unassignedCount();
    if (unassigned > 0) parts.push(`${unassigned} change(s) of local-only ports wait for a remote`);
    if (report.converged) report.message = parts.length > 0 ? `Synced; ${parts.join('; ')}` : 'Everything is in sync';
    else if (report.unreachable.length > 0) report.message = [...report.unreachable.map(unreachableText), ...(parts.length > 0 ? [`Also: ${parts.join('; ')}`] : [])].join(' ');
    else report.message = `Still not converged: ${parts.join('; ')}`;
    return report;
  }

  /** Seam 2: the account each linked port lives in, so per-port calls use it (ports.remote_account_id). */
  private adapterContext(remoteId: string): AdapterContext {
    return { accountOf: (objectId) => this.store.repos.ports.accountOf(remoteId, objectId), streetHints: (objectId) => this.store.streetHints(remoteId, objectId) };
  }

  /** One remote's push, pull, push; answers what failed there and why (recorded as its last error), or null. */
  private async syncRemote(remote: RemoteRef, opts: SyncNowOptions, deadline: number, report: SyncReport): Promise<string | null> {
    const { store } = this;
    if (store.getState(remote.id, 'paused')) return null;
    let adapter: RemoteAdapter;
    try {
      const config = this.options.remotes.config(remote.id);
      adapter = (this.options.adapterFor ?? createAdapter)(config, this.adapterContext(remote.id));
    } catch (err) {
      this.pause(remote.id, err instanceof Error ? err.message : String(err));
      return null;
    }
    const ctx: PushContext = { store, adapter, remoteId: remote.id, content: this.content, now: this.now, backoff: this.options.backoff ?? DEFAULT_BACKOFF, ...(this.options.random ? { random: this.options.random } : {}), ...(this.options.lateCreateMarginMs !== undefined ? { lateCreateMarginMs: this.options.lateCreateMarginMs } : {}), creating: this.creating };
    try {
      const pushed = await this.pushRounds(ctx, remote, opts, deadline, report);
      if (pushed !== 'done') return this.unsent(remote, pushed, report);
      const pulled = await pull({ store, adapter, remoteId: remote.id, now: this.now, ...(opts.confirmRemovals ? { confirmRemovals: true } : {}) });
      report.pulled += pulled.changed.length;
      if (pulled.held) store.setState(remote.id, 'held_removals', JSON.stringify(pulled.held));
      else store.clearState(remote.id, 'held_removals');
      storeUnreadable(store, remote.id, pulled.failures);
      if (pulled.changed.length + pulled.removed.length > 0) this.emitPorts(pulled.changed, pulled.removed);
      // A pull may link a create whose answer was lost; finish what that leaves queued.
      const rest = await this.pushRounds(ctx, remote, opts, deadline, report);
      if (rest !== 'done') return this.unsent(remote, rest, report);
      store.clearState(remote.id, 'offline_since');
      store.clearState(remote.id, 'last_error');
      store.setState(remote.id, 'last_synced_at', String(this.now()));
      return null;
    } catch (err) {
      this.recordFailure(remote.id, err);
      // A 401 pauses the remote, which the report names already.
      if (err instanceof RemoteError && err.kind === 'auth') return null;
      if (err instanceof RemoteError && err.notConnected && !err.certificate) return this.unreachable(remote, err.message, report);
      return `the pull failed (${err instanceof Error ? err.message : String(err)})`;
    } finally {
      this.progress.delete(remote.id);
      this.options.changes.emit({ type: 'sync' });
    }
  }

  /**
   * Why pushing stopped with changes unsent: a network failure (offline, a refused certificate),
   * said in the run's report so that `sync --once` tells why; nothing when the remote was paused,
   * which the report names already, or could not be connected to (listed in `unreachable`).
   */
  private unsent(remote: RemoteRef, end: PushEnd, report: SyncReport): string | null {
    if (this.store.getState(remote.id, 'paused')) return null;
    const error = this.store.getState(remote.id, 'last_error');
    if (end === 'unreachable') return this.unreachable(remote, error ?? 'no connection', report);
    return error ? `the changes could not be sent (${error})` : null;
  }

  /** A remote that could not be connected to at all: listed in the report, which says so in its own words (no failure line). */
  private unreachable(remote: RemoteRef, reason: string, report: SyncReport): null {
    report.unreachable.push({ remoteId: remote.id, name: remote.name, reason, queued: this.store.repos.outbox.counts(remote.id).queued });
    return null;
  }

  /** Push until nothing is due; otherwise why not (paused by a 401, a refused certificate, offline). */
  private async pushRounds(ctx: PushContext, remote: RemoteRef, opts: SyncNowOptions, deadline: number, report: SyncReport): Promise<PushEnd> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const ports = this.store.repos.outbox.pendingPorts(remote.id);
      if (ports.length === 0) return 'done';
      const progress = { done: 0, total: ports.length };
      this.progress.set(remote.id, progress);
      this.options.changes.emit({ type: 'sync' });
      // A refused token or certificate refuses every port alike, and so does a server that cannot be
      // connected to while someone waits on the run: the ports not yet sent stay queued, untouched.
      const results = await pool(
        ports,
        this.options.concurrency ?? 8,
        async (portId) => {
          const outcome = await pushPort(ctx, portId);
          progress.done += 1;
          return outcome;
        },
        (outcome) => outcome.kind === 'auth' || (outcome.kind === 'waiting' && (outcome.certificate === true || (opts.stopWhenUnreachable === true && outcome.notConnected === true))),
      );
      const outcomes = results.filter((o): o is PortPushOutcome => o !== undefined);
      const touched = ports.filter((_, i) => results[i] !== undefined && results[i].kind !== 'waiting');
      report.pushed += outcomes.filter((o) => o.kind === 'done').length;
      if (touched.length > 0) this.emitPorts(touched, []);
      const auth = outcomes.find((o): o is Extract<PortPushOutcome, { kind: 'auth' }> => o.kind === 'auth');
      if (auth) {
        this.pause(remote.id, auth.message);
        return 'stopped';
      }
      const waits = outcomes.filter((o): o is Extract<PortPushOutcome, { kind: 'waiting' }> => o.kind === 'waiting');
      const network = waits.find((w) => w.network);
      if (network) {
        if (!this.store.getState(remote.id, 'offline_since')) this.store.setState(remote.id, 'offline_since', String(this.now()));
        this.store.setState(remote.id, 'last_error', network.message);
      } else if (waits.length > 0) {
        this.store.setState(remote.id, 'last_error', waits[0]?.message ?? '');
      }
      const progressed = outcomes.some((o) => o.kind !== 'waiting');
      // A refused certificate stays refused for this run: the report says so now, not after the run's wait.
      if (waits.some((w) => w.certificate)) return 'stopped';
      // Every network failure came before any connection (refused, no DNS, no route): nothing was
      // sent, so no answer can be lost; a timeout or a reset after connecting is never counted here.
      const unreachable = network !== undefined && waits.every((w) => !w.network || w.notConnected === true);
      if (!progressed) {
        if (unreachable && opts.stopWhenUnreachable) return 'unreachable';
        const next = Math.min(...waits.map((w) => w.until));
        if (!Number.isFinite(next) || next > deadline) return waits.every((w) => !w.network) ? 'done' : unreachable ? 'unreachable' : 'stopped';
        await sleep(Math.max(0, next - this.now()));
      }
    }
    return 'done';
  }


  private pause(remoteId: string, message: string): void {
    this.store.setState(remoteId, 'paused', message);
    this.options.changes.emit({ type: 'sync' });
  }

  private recordFailure(remoteId: string, err: unknown): void {
    if (err instanceof RemoteError && err.kind === 'auth') {
      this.pause(remoteId, err.message);
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof RemoteError && err.kind === 'transient' && err.status === 0 && !this.store.getState(remoteId, 'offline_since')) {
      this.store.setState(remoteId, 'offline_since', String(this.now()));
    }
    this.store.setState(remoteId, 'last_error', message);
  }

  private emitPorts(ids: string[], removed: string[]): void {
    this.applying = true;
    try {
      this.options.changes.emit({ type: 'ports', ids, removed });
    } finally {
      this.applying = false;
    }
  }

  /** Status of every remote, from the database plus the progress of a run in this process. */
  status(): SyncStatusView {
    const now = this.now();
    const remotes: RemoteSyncStatus[] = this.options.remotes.list().map((r) => {
      const c = this.store.repos.outbox.counts(r.id);
      const num = (key: string): number | null => {
        const v = this.store.getState(r.id, key);
        return v === undefined ? null : Number(v);
      };
      const paused = this.store.getState(r.id, 'paused') ?? null;
      const offlineSince = num('offline_since');
      const lastError = this.store.getState(r.id, 'last_error') ?? null;
      const held = this.store.getState(r.id, 'held_removals');
      const progress = this.progress.get(r.id) ?? null;
      const state: RemoteSyncStatus['state'] = paused ? 'paused' : progress ? 'syncing' : offlineSince !== null ? 'offline' : lastError || c.blocked > 0 ? 'error' : 'online';
      return {
        remoteId: r.id,
        name: r.name,
        kind: r.kind,
        state,
        message: paused ?? (held ? 'A pull would remove most ports; confirm with "sync now" and confirmRemovals' : lastError),
        offlineSince,
        lastSyncedAt: num('last_synced_at'),
        progress: progress ? { ...progress } : null,
        queued: c.queued,
        blocked: c.blocked,
        conflicts: c.conflicts,
        heldRemovals: held ? (JSON.parse(held) as { wouldRemove: number; of: number }) : null,
        lateCreates: this.lateCreates(r.id).map((p) => ({
          portId: p.portId,
          name: p.name,
          settlesAt: p.settlesAt !== null && p.settlesAt > now ? p.settlesAt : null,
          message: p.lastError,
        })),
        duplicates: openDuplicates(this.store.repos.syncState, r.id).map((d) => {
          const port = this.store.port(d.portId);
          return { remoteObjectId: d.remoteObjectId, portId: d.portId, name: port?.name ?? d.portId, keptObjectId: port?.remoteObjectId ?? null, state: d.state, seenAt: d.seenAt, cancelRefusal: cancelRefusalOf(d) };
        }),
        unreadable: readUnreadable(this.store, r.id),
      };
    });
    const view = summarize(remotes);
    // Every queued row counts: those of ports with no remote wait for one and are said so.
    const unassigned = this.store.repos.outbox.unassignedCount();
    const localOnly = { ...this.store.repos.ports.localOnlyCounts(), changes: unassigned };
    return { ...view, summary: unassigned > 0 ? `${view.summary}; ${unassigned} change(s) of local-only ports wait for a remote` : view.summary, remotes, localOnly };
  }

  /** Creates sent without an answer, but for those this engine is still waiting on: a request on the wire is not late. */
  private lateCreates(remoteId: string): ReturnType<PortsRepo['unsettledCreates']> {
    const unsettled = this.store.repos.ports.unsettledCreates(remoteId, MAX_LISTED + this.creating.size);
    return unsettled.filter((p) => !this.creating.has(p.portId)).slice(0, MAX_LISTED);
  }

  /**
   * The remote's own LOA for a port (Kazoo builds one from the request's data). Refused with a
   * clear message where the family has none or the port is not on its remote yet.
   */
  async fetchLoa(portId: string): Promise<Uint8Array> {
    const port = this.store.port(portId);
    const row = port && { name: port.name, remoteId: port.remoteId, objectId: port.remoteObjectId };
    if (!row) throw new AppError('NOT_FOUND', `No port request with id ${portId}`, { id: portId });
    if (!row.remoteId || !row.objectId) throw new AppError('VALIDATION', `"${row.name}" is not on a remote yet: sync it first to get the carrier's LOA`);
    const adapter = (this.options.adapterFor ?? createAdapter)(this.options.remotes.config(row.remoteId), this.adapterContext(row.remoteId));
    if (!adapter.capabilities.loaGeneration || !adapter.fetchLoa) {
      throw new AppError('UNSUPPORTED', `${adapter.kind === 'telnyx' ? 'Telnyx' : 'This remote'} does not build LOAs: generate one in PortDesk instead`);
    }
    try {
      return await adapter.fetchLoa(row.objectId);
    } catch (err) {
      if (err instanceof RemoteError) throw new AppError('REMOTE', `Could not get the carrier's LOA for "${row.name}": ${err.message}`, { status: err.status });
      throw err;
    }
  }

  /**
   * Download a pulled attachment's bytes (metadata came with the pull; bytes come on demand) into
   * the content store, so it opens offline from then on. A no-op when they are already here.
   */
  async fetchAttachment(attachmentId: string): Promise<{ attachmentId: string; sha256: string; size: number }> {
    const { repos } = this.store;
    const attachment = repos.attachments.get(attachmentId);
    const port = attachment && repos.ports.get(attachment.portId);
    const row = attachment && { ...attachment, remoteId: port?.remoteId ?? null, objectId: port?.remoteObjectId ?? null };
    if (!row) throw new AppError('NOT_FOUND', `No attachment with id ${attachmentId}`, { id: attachmentId });
    if (row.sha256) return { attachmentId, sha256: row.sha256, size: row.size };
    if (!row.remoteName || !row.remoteId || !row.objectId) throw new AppError('NOT_FOUND', `"${row.name}" has no content here and no copy on a remote`);
    const adapter = (this.options.adapterFor ?? createAdapter)(this.options.remotes.config(row.remoteId), this.adapterContext(row.remoteId));
    let bytes: Uint8Array;
    try {
      bytes = await adapter.downloadAttachment(row.objectId, row.remoteName);
    } catch (err) {
      if (err instanceof RemoteError) throw new AppError(err.kind === 'not_found' ? 'NOT_FOUND' : 'REMOTE', `Could not download "${row.name}": ${err.message}`, { status: err.status });
      throw err;
    }
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('FILE', `"${row.name}" on the remote is ${bytes.length} bytes, over the attachment limit`);
    const blob = await this.content.put(bytes);
    // Only if still missing: a concurrent download (or a local replace) may have filled it meanwhile.
    repos.db.transaction(() => repos.attachments.fillDownloaded(attachmentId, blob.sha256, blob.size, this.now()))();
    return { attachmentId, sha256: blob.sha256, size: blob.size };
  }

  /**
   * A second remote copy of one of PortDesk's creates: cancel it on the server (a move to
   * canceled, in the server's words if it refuses; refused up front, with what to do instead,
   * where the remote's API cannot), or only take it off the list. Either way it is never
   * imported as a port.
   */
  async settleDuplicate(remoteId: string, remoteObjectId: string, action: 'cancel' | 'dismiss'): Promise<void> {
    const { syncState } = this.store.repos;
    const dup = readDuplicate(syncState, remoteId, remoteObjectId);
    if (!dup) throw new AppError('NOT_FOUND', `No duplicate ${remoteObjectId} on this remote`, { remoteObjectId });
    if (action === 'cancel' && dup.cancelRefusal) throw new AppError('UNSUPPORTED', dup.cancelRefusal, { remoteObjectId });
    if (action === 'cancel') {
      const adapter = (this.options.adapterFor ?? createAdapter)(this.options.remotes.config(remoteId), this.adapterContext(remoteId));
      try {
        const current = await adapter.get(remoteObjectId);
        // Asked again of the copy as it is now: the record may predate the question, or the copy have moved since the pull.
        const refusal = adapter.cancelRefusal(current);
        if (refusal) throw new AppError('UNSUPPORTED', refusal, { remoteObjectId });
        if (current.state !== 'canceled') {
          const snapshot = this.store.snapshot(dup.portId) ?? { localId: dup.portId, state: current.state, fields: current.fields, numbers: current.numbers };
          const kept = this.store.port(dup.portId)?.remoteObjectId;
          await adapter.move(current, { to: 'canceled', reason: `Duplicate of ${kept ?? 'another request'} (sent twice by PortDesk)`, date: null, acceptCharges: false }, snapshot);
        }
      } catch (err) {
        if (err instanceof RemoteError) throw new AppError('REMOTE', `Could not cancel the duplicate ${remoteObjectId}: ${err.message}`, { status: err.status });
        throw err;
      }
    }
    settleDuplicate(syncState, remoteId, remoteObjectId, action === 'cancel' ? 'canceled' : 'dismissed');
  }

  /** Requeue a port's blocked changes, the submit carrying `accept_charges` this time. */
  acceptCharges(portId: string): { portId: string; requeued: number } {
    const n = this.store.db.transaction(() => {
      this.store.repos.outbox.acceptCharges(portId);
      return this.requeue(portId);
    })();
    this.kick();
    return { portId, requeued: n };
  }

  /** Requeue a port's blocked changes as they are (after fixing the port). */
  retry(portId: string): { portId: string; requeued: number } {
    const n = this.store.db.transaction(() => this.requeue(portId))();
    this.kick();
    return { portId, requeued: n };
  }

  private requeue(portId: string): number {
    const n = this.store.repos.outbox.requeueBlocked(portId);
    this.store.repos.ports.clearError(portId);
    return n;
  }

  /** Background sync: at start, after local changes (debounced) and on a timer. */
  start(): void {
    if (this.timers.interval) return;
    const tick = (): void => {
      void this.syncNow().catch(() => undefined);
    };
    this.timers.interval = setInterval(tick, this.options.intervalMs ?? 60_000);
    this.timers.interval.unref();
    this.timers.unsubscribe = this.options.changes.subscribe((event) => {
      if (event.type === 'ports' && !this.applying) this.kick();
    });
    setTimeout(tick, 0).unref();
  }

  stop(): void {
    if (this.timers.interval) clearInterval(this.timers.interval);
    if (this.timers.debounce) clearTimeout(this.timers.debounce);
    this.timers.unsubscribe?.();
    this.timers = {};
  }

  /** Schedule a background run soon (no-op unless started). */
  private kick(): void {
    if (!this.timers.interval) return;
    if (this.timers.debounce) clearTimeout(this.timers.debounce);
    this.timers.debounce = setTimeout(() => {
      void this.syncNow().catch(() => undefined);
    }, this.options.debounceMs ?? 1000);
    this.timers.debounce.unref();
  }
}

/** What a specialist reads of a remote that could not be connected to: nothing is lost, and when it goes. */
function unreachableText(u: SyncReport['unreachable'][number]): string {
  const kept = u.queued > 0 ? `; its ${u.queued} change(s) are kept on this computer and PortDesk sends them when the connection is back` : '; PortDesk syncs when the connection is back';
  return `${u.name} cannot be reached right now (${u.reason})${kept}.`;
}

function summarize(remotes: RemoteSyncStatus[]): Pick<SyncStatusView, 'state' | 'summary'> {
  if (remotes.length === 0) return { state: 'idle', summary: 'No remote set up: working locally' };
  const syncing = remotes.filter((r) => r.progress);
  if (syncing.length > 0) {
    const done = syncing.reduce((n, r) => n + (r.progress?.done ?? 0), 0);
    const total = syncing.reduce((n, r) => n + (r.progress?.total ?? 0), 0);
    return { state: 'syncing', summary: `Syncing ${done} of ${total}` };
  }
  const paused = remotes.find((r) => r.state === 'paused');
  if (paused) return { state: 'paused', summary: `${paused.name} needs a new token: ${paused.message ?? ''}` };
  const offline = remotes.filter((r) => r.offlineSince !== null);
  if (offline.length > 0) {
    const since = Math.min(...offline.map((r) => r.offlineSince ?? 0));
    return { state: 'offline', summary: `Offline since ${new Date(since).toISOString()}` };
  }
  const error = remotes.find((r) => r.state === 'error');
  if (error) return { state: 'error', summary: `${error.name}: ${error.message ?? `${error.blocked} change(s) blocked`}` };
  const last = Math.max(...remotes.map((r) => r.lastSyncedAt ?? 0));
  return { state: 'online', summary: last > 0 ? `Online, last synced ${new Date(last).toISOString()}` : 'Online, not synced yet' };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
