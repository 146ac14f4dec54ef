import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import {
  EMPTY_PORT_FIELDS,
  type PortDetail,
  type PortFields,
  type PortFieldsPatch,
  type PortState,
  type PortSummary,
} from '../../shared/model';
import { canTransition, holdsNumbers, isDeletable, isEditable, mayMove, moveRefusal, stateLabel } from '../../shared/domain/states';
import { countryOfNumber, isCountryCode, normalizeNumber } from '../../shared/domain/numbers';
import { effectiveCountry, portProblems, type ReadinessProblem } from '../../shared/domain/readiness';
import { isoDay } from '../../shared/domain/portFacts';
import { normalizeUsRegion } from '../../shared/domain/usStates';
import { editedMessage } from '../../shared/domain/fieldLabels';
import type { Repos } from '../db/repos';
import type { PortRow } from '../db/repos/ports-repo';
import { leftOnRemoteByDelete } from '../remotes/left-on-remote';
import type { SkippedPort } from '../../shared/rpc/methods/ports';
import type { ChangeBus } from './changes';
import { cannotLeaveRemote, writeAssignment } from './remote-assignment';

export interface CreatePortInput {
  fields: Partial<PortFields> & { name: string };
  numbers?: string[];
  country?: string;
  remoteId?: string | null;
  remoteAccountId?: string;
}

export interface MoveInput {
  to: PortState;
  reason?: string;
  /** FOC date to record when scheduling (YYYY-MM-DD). */
  date?: string;
  /** Submit even though readiness checks fail (the specialist knows better). */
  force?: boolean;
}

/** What a bulk edit did: see {@link PortsService.bulkUpdate}. */
export interface BulkEditResult {
  updated: string[];
  unchanged: string[];
  skipped: SkippedPort[];
  before: { id: string; patch: PortFieldsPatch }[];
}

/** What undoing moves did: see {@link PortsService.undoMoves}. */
export interface BulkMoveResult {
  restored: string[];
  skipped: SkippedPort[];
}

/** What a bulk remote assignment did: see {@link PortsService.bulkAssignRemote}. */
export interface BulkAssignResult {
  assigned: string[];
  unchanged: string[];
  skipped: SkippedPort[];
}

export interface NumbersResult {
  added: string[];
  alreadyOnPort: string[];
  notes: string[];
}

export interface Clock {
  now(): number;
}

/** Told after a port's delete has committed which blobs its attachments used, to free the orphans. */
export type ReleaseBlobs = (shas: string[]) => Promise<unknown>;

/** What ports need to know about remotes: the default one, and a remote's name (throws NOT_FOUND). */
export interface RemoteLookup {
  defaultId(): string | null;
  name(id: string): string;
}

const NO_REMOTES: RemoteLookup = {
  defaultId: () => null,
  name: (id) => {
    throw new AppError('NOT_FOUND', `No remote with id ${id}`, { id });
  },
};

const LOCAL_ACTOR = 'you';

/**
 * Use cases over port requests. Every write is one synchronous transaction that changes the
 * rows, appends the timeline event and the outbox row; change events go out after commit.
 */
export class PortsService {
  constructor(
    private readonly repos: Repos,
    private readonly changes: ChangeBus,
    private readonly clock: Clock = { now: () => Date.now() },
    private readonly remotes: RemoteLookup = NO_REMOTES,
    private readonly releaseBlobs: ReleaseBlobs = async () => undefined,
  ) {}

  list(filter: { state?: PortState } = {}): PortSummary[] {
    return this.repos.ports.list(filter.state);
  }

  /** Summaries for a set of ports (the board refetches only what a change event named). */
  summaries(ids: readonly string[]): PortSummary[] {
    return this.repos.ports.summaries(ids);
  }

  get(id: string): PortDetail {
    const summary = this.repos.ports.summary(id);
    if (!summary) throw notFound(id);
    const row = this.repos.ports.get(id) as PortRow;
    return {
      ...summary,
      remoteRevision: row.remoteRevision,
      numbers: this.repos.numbers.list(id),
      attachments: this.repos.attachments.list(id),
      comments: this.repos.comments.list(id),
      timeline: this.repos.events.list(id),
    };
  }

  /** The open port that holds a number written in any common format, if any. */
  findByNumber(input: string, country = 'US'): { e164: string; port: PortSummary | null } {
    const e164 = this.normalizeAll([input], country).numbers[0] as string;
    const owner = this.repos.numbers.openOwner(e164);
    return { e164, port: owner ? (this.repos.ports.summary(owner.portId) ?? null) : null };
  }

  /** Ids of ports (open or not) with a number containing `digits`, at most `limit` of them. */
  searchNumbers(digits: string, limit = 1000): { portId: string; e164: string }[] {
    return this.repos.numbers.matchesWithDigits(digits, limit);
  }

  create(input: CreatePortInput): PortDetail {
    const id = randomUUID();
    const { numbers } = this.normalizeAll(input.numbers ?? [], input.country ?? 'US');
    const unique = [...new Set(numbers)];
    const given: PortFields = { ...EMPTY_PORT_FIELDS, ...input.fields };
    const fields: PortFields = { ...given, region: regionFor(given, given.region, unique) };
    const now = this.clock.now();
    const { ports, events, outbox, db } = this.repos;
    db.transaction(() => {
      // An explicit "no remote" keeps the port local; without a default remote it waits for the first one.
      const remoteId = input.remoteId === undefined ? this.remotes.defaultId() : input.remoteId;
      ports.insert({ id, state: 'unconfirmed', remoteId, remoteAccountId: input.remoteAccountId ?? '', keptLocal: input.remoteId === null, fields, now });
      this.insertNumbers(id, unique, true);
      events.add({ portId: id, at: now, kind: 'created', fromState: null, toState: 'unconfirmed', message: `Created with ${plural(unique.length, 'number')}`, actor: LOCAL_ACTOR });
      outbox.append({ portId: id, entity: 'port', entityId: id, op: 'port.create', payload: { fields, numbers: unique }, baseRevision: null, now });
    })();
    this.changes.emit({ type: 'ports', ids: [id], removed: [] });
    return this.get(id);
  }

  /**
   * Give a port with no remote (or one it was never sent to) a remote. Its queued changes then go
   * there; see {@link writeAssignment}.
   */
  assignRemote(id: string, remoteId: string, remoteAccountId = ''): PortDetail {
    const port = this.require(id);
    const remoteName = this.remotes.name(remoteId);
    if (port.remoteId === remoteId && !port.remoteObjectId) return this.get(id);
    const blocker = cannotLeaveRemote(this.repos, port, this.remotes.name);
    if (blocker) throw new AppError('CONFLICT', `"${port.name}" ${blocker}`, { id });
    const now = this.clock.now();
    this.repos.db.transaction(() => writeAssignment(this.repos, port, remoteId, remoteAccountId, `Assigned to remote "${remoteName}"`, LOCAL_ACTOR, now))();
    this.changes.emit({ type: 'ports', ids: [id], removed: [] });
    return this.get(id);
  }

  /**
   * Give a selection a remote in one transaction. Ports already on it are unchanged; ports that
   * cannot leave the remote they have (see {@link cannotLeaveRemote}) or are gone are skipped and named.
   */
  bulkAssignRemote(ids: readonly string[], remoteId: string): BulkAssignResult {
    const remoteName = this.remotes.name(remoteId);
    const now = this.clock.now();
    const result: BulkAssignResult = { assigned: [], unchanged: [], skipped: [] };
    this.repos.db.transaction(() => {
      for (const id of new Set(ids)) {
        const port = this.repos.ports.get(id);
        const blocker = !port ? 'no longer exists' : port.remoteId === remoteId ? null : cannotLeaveRemote(this.repos, port, this.remotes.name);
        if (!port || blocker) {
          result.skipped.push({ id, name: port?.name ?? '', reason: blocker ?? 'no longer exists' });
        } else if (port.remoteId === remoteId) {
          result.unchanged.push(id);
        } else {
          writeAssignment(this.repos, port, remoteId, '', `Assigned to remote "${remoteName}"`, LOCAL_ACTOR, now);
          result.assigned.push(id);
        }
      }
    })();
    if (result.assigned.length > 0) this.changes.emit({ type: 'ports', ids: result.assigned, removed: [] });
    return result;
  }

  /**
   * Keep a port on this computer (it leaves a remote it was never sent to, and adding the first
   * remote passes it by), or let it take a remote again. Its queued changes stay, for a later assignment.
   */
  setKeptLocal(id: string, kept: boolean): PortDetail {
    const port = this.require(id);
    if (port.keptLocal === kept && (!kept || port.remoteId === null)) return this.get(id);
    const blocker = kept ? cannotLeaveRemote(this.repos, port, this.remotes.name) : null;
    if (blocker) throw new AppError('CONFLICT', `"${port.name}" ${blocker}`, { id });
    const now = this.clock.now();
    const message = kept ? 'Kept local: it gets no remote until one is assigned here' : 'No longer kept local: it takes the first remote added';
    this.repos.db.transaction(() => {
      this.repos.ports.setKeptLocal(id, kept, now);
      this.repos.events.add({ portId: id, at: now, kind: 'sync', fromState: null, toState: null, message, actor: LOCAL_ACTOR });
    })();
    this.changes.emit({ type: 'ports', ids: [id], removed: [] });
    return this.get(id);
  }

  update(id: string, patch: PortFieldsPatch): PortDetail {
    const port = this.requireEditable(id, 'edited');
    const now = this.clock.now();
    const changed = this.repos.db.transaction(() => this.writeEdit(port, patch, now))();
    if (changed) this.changes.emit({ type: 'ports', ids: [id], removed: [] });
    return this.get(id);
  }

  /**
   * Edit many ports in one transaction (set one field on a selection, or a pasted column): one
   * timeline event and one queued change per port that changed, exactly as {@link update} would.
   * Ports that are gone or whose state does not allow edits are skipped and named, not refused:
   * the rest of the edit still applies. `before` holds each changed port's previous values, the
   * edit that undoes this one.
   */
  bulkUpdate(edits: readonly { id: string; patch: PortFieldsPatch }[]): BulkEditResult {
    const now = this.clock.now();
    const result: BulkEditResult = { updated: [], unchanged: [], skipped: [], before: [] };
    this.repos.db.transaction(() => {
      for (const { id, patch } of edits) {
        const port = this.repos.ports.get(id);
        if (!port) {
          result.skipped.push({ id, name: '', reason: 'no longer exists' });
        } else if (!isEditable(port.state)) {
          result.skipped.push({ id, name: port.name, reason: `is ${port.state}: only unconfirmed or rejected ports can be edited` });
        } else {
          const before = this.writeEdit(port, patch, now);
          if (before) {
            result.updated.push(id);
            result.before.push({ id, patch: before });
          } else {
            result.unchanged.push(id);
          }
        }
      }
    })();
    if (result.updated.length > 0) this.changes.emit({ type: 'ports', ids: result.updated, removed: [] });
    return result;
  }

  /** Write the fields of `patch` that differ, inside the caller's transaction; returns their old values, or null when nothing changed. */
  private writeEdit(port: PortRow, patch: PortFieldsPatch, now: number): PortFieldsPatch | null {
    if (patch.region !== undefined) {
      const country = patch.country ?? port.country;
      patch = { ...patch, region: regionFor({ country }, patch.region, this.repos.numbers.list(port.id).map((n) => n.e164)) };
    }
    const changed = (Object.keys(patch) as (keyof PortFields)[]).filter(
      (k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(port[k]),
    );
    if (changed.length === 0) return null;
    const diff: PortFieldsPatch = Object.fromEntries(changed.map((k) => [k, patch[k]]));
    const { ports, events, outbox } = this.repos;
    ports.updateFields(port.id, diff, now);
    ports.markPending(port.id);
    events.add({ portId: port.id, at: now, kind: 'edited', fromState: null, toState: null, message: editedMessage(changed), actor: LOCAL_ACTOR });
    outbox.append({ portId: port.id, entity: 'port', entityId: port.id, op: 'port.update', payload: { patch: diff }, baseRevision: port.remoteRevision, now });
    return Object.fromEntries(changed.map((k) => [k, port[k]]));
  }

  /**
   * Add numbers written in any common format. Nothing is written unless every number is valid
   * and free; numbers already on this port are reported, not duplicated.
   */
  addNumbers(id: string, inputs: string[], country = 'US'): NumbersResult {
    const port = this.requireEditable(id, 'given new numbers');
    const { numbers, notes } = this.normalizeAll(inputs, country);
    const present = new Set(this.repos.numbers.list(id).map((n) => n.e164));
    const added = [...new Set(numbers)].filter((n) => !present.has(n));
    const alreadyOnPort = [...new Set(numbers)].filter((n) => present.has(n));
    if (added.length === 0) return { added, alreadyOnPort, notes };
    const now = this.clock.now();
    const { ports, events, outbox, db } = this.repos;
    db.transaction(() => {
      this.insertNumbers(id, added, holdsNumbers(port.state));
      ports.touch(id, now);
      ports.markPending(id);
      events.add({ portId: id, at: now, kind: 'numbers', fromState: null, toState: null, message: `Added ${plural(added.length, 'number')}`, actor: LOCAL_ACTOR });
      outbox.append({ portId: id, entity: 'port', entityId: id, op: 'port.numbers', payload: { add: added, remove: [] }, baseRevision: port.remoteRevision, now });
    })();
    this.changes.emit({ type: 'ports', ids: [id], removed: [] });
    return { added, alreadyOnPort, notes };
  }

  removeNumbers(id: string, e164s: string[]): { removed: string[] } {
    const port = this.requireEditable(id, 'changed');
    const now = this.clock.now();
    const { ports, numbers, events, outbox, db } = this.repos;
    const removed = db.transaction(() => {
      const gone = [...new Set(e164s)].filter((n) => numbers.remove(id, n));
      if (gone.length === 0) return gone;
      ports.touch(id, now);
      ports.markPending(id);
      events.add({ portId: id, at: now, kind: 'numbers', fromState: null, toState: null, message: `Removed ${plural(gone.length, 'number')}`, actor: LOCAL_ACTOR });
      outbox.append({ portId: id, entity: 'port', entityId: id, op: 'port.numbers', payload: { add: [], remove: gone }, baseRevision: port.remoteRevision, now });
      return gone;
    })();
    if (removed.length > 0) this.changes.emit({ type: 'ports', ids: [id], removed: [] });
    return { removed };
  }

  /** Move a port to another state, checked against the same state machine as the server. */
  move(id: string, input: MoveInput): PortDetail {
    const port = this.require(id);
    const { to } = input;
    if (to === 'scheduled' && port.state === 'scheduled' && input.date && this.dateQueuedSchedule(port, input.date)) return this.get(id);
    const refusal = moveRefusal(port, to);
    if (refusal !== null) {
      // A move the remote would refuse is said now, in its words, rather than queued to fail.
      throw new AppError(canTransition(port.state, to) ? 'FORBIDDEN' : 'ILLEGAL_TRANSITION', refusal, { from: port.state, to });
    }
    const patch: PortFieldsPatch = {};
    if (to === 'scheduled') {
      const date = input.date ?? port.focDate;
      if (!date) throw new AppError('VALIDATION', 'Scheduling needs the FOC date the losing carrier confirmed', { field: 'focDate' });
      if (date !== port.focDate) patch.focDate = date;
    }
    if (to === 'submitted' && !input.force) this.assertReady(port);
    const now = this.clock.now();
    const reason = input.reason ? `: ${input.reason}` : '';
    this.repos.db.transaction(() => this.writeMove(port, to, { message: `Moved to ${stateLabel(to)}${reason}`, reason: input.reason ?? null, focDate: patch.focDate }, now))();
    this.changes.emit({ type: 'ports', ids: [id], removed: [] });
    return this.get(id);
  }

  /**
   * The date of a move to Scheduled that has not reached the remote and has none: its date was
   * cleared as not a real date (migrations 16 and 19), and Kazoo refuses to schedule without one.
   * The port cannot be edited while Scheduled, so the date is entered by moving to Scheduled again:
   * it goes on the port and on the queued move, which is requeued if the server had refused it.
   * False when no such move is queued (nothing changes).
   */
  private dateQueuedSchedule(port: PortRow, date: string): boolean {
    const now = this.clock.now();
    const { ports, events, outbox, db } = this.repos;
    const dated = db.transaction(() => {
      if (outbox.dateUndatedSchedule(port.id, date) === 0) return false;
      ports.updateFields(port.id, { focDate: date }, now);
      outbox.requeueBlocked(port.id);
      ports.clearError(port.id);
      ports.markPending(port.id);
      events.add({ portId: port.id, at: now, kind: 'edited', fromState: null, toState: null, message: `FOC date ${date} entered for the move to Scheduled`, actor: LOCAL_ACTOR });
      return true;
    })();
    if (dated) this.changes.emit({ type: 'ports', ids: [port.id], removed: [] });
    return dated;
  }

  /**
   * A checked move's rows, event and queued change, inside the caller's transaction. The event keeps
   * the state reason and clock the move leaves behind, for its undo; `stateReason` is the reason the
   * port has in its new state (an undo's rejection reason brought back), sent with the move.
   */
  private writeMove(port: PortRow, to: PortState, what: { message: string; reason: string | null; focDate?: string | undefined; stateReason?: string }, now: number): void {
    const { ports, events, outbox } = this.repos;
    const left = ports.stateNow(port.id);
    if (what.focDate) ports.updateFields(port.id, { focDate: what.focDate }, now);
    ports.setState(port.id, to, now);
    if (what.stateReason) ports.setStateReason(port.id, what.stateReason);
    ports.markPending(port.id);
    events.addMove({ portId: port.id, at: now, kind: 'state', fromState: port.state, toState: to, message: what.message, actor: LOCAL_ACTOR }, left);
    outbox.append({
      portId: port.id,
      entity: 'port',
      entityId: port.id,
      op: 'port.move',
      payload: { from: port.state, to, reason: what.reason, date: what.focDate ?? port.focDate ?? null },
      baseRevision: port.remoteRevision,
      now,
    });
  }

  /**
   * Take moves back (the window's undo of a drag or a bulk move), in one transaction. A move still
   * waiting in the outbox, never sent and the port's newest queued change, is withdrawn: the row is
   * dropped and the port is back where it was, with nothing to send. A move that has reached the
   * remote (or may have: it was sent) is reversed by a new move where the state machine and the
   * port authority allow it (Rejected back to Submitted); otherwise the port is skipped and the
   * reason says why. Ports that have moved on since are skipped too.
   */
  undoMoves(moves: readonly { id: string; from: PortState; to: PortState }[]): BulkMoveResult {
    const now = this.clock.now();
    const result: BulkMoveResult = { restored: [], skipped: [] };
    const { ports, events, outbox, db } = this.repos;
    db.transaction(() => {
      for (const { id, from, to } of moves) {
        const port = ports.get(id);
        if (!port) {
          result.skipped.push({ id, name: '', reason: 'no longer exists' });
          continue;
        }
        if (port.state !== to) {
          result.skipped.push({ id, name: port.name, reason: `is ${stateLabel(port.state)} now, no longer ${stateLabel(to)}: it has moved since` });
          continue;
        }
        // The move's own event kept the rejection reason (and state clock) it cleared.
        const left = events.leftBy(id, LOCAL_ACTOR, from, to);
        const rows = outbox.rows(id);
        const queued = rows.findLast((r) => r.change?.op === 'port.move' && r.change.payload.from === from && r.change.payload.to === to);
        // Counted before it is sent: an attempt may have reached the remote even without an answer.
        const unsent = queued !== undefined && queued.attempts === 0;
        if (unsent && queued === rows.at(-1)) {
          outbox.deleteRow(queued.seq);
          ports.setState(id, from, now);
          // The withdrawn move was the port's only outbox row: nothing is left to send.
          if (rows.length === 1 && port.remoteObjectId !== null) ports.markSynced(id);
          events.add({ portId: id, at: now, kind: 'state', fromState: to, toState: from, message: `Move to ${stateLabel(to)} undone before it was sent`, actor: LOCAL_ACTOR });
          // Never sent: the port is as it was, its reason and days in the state included.
          if (left) ports.restoreLeft(id, left);
          result.restored.push(id);
        } else if (mayMove(port, from)) {
          // A new move, sent with the reason the port had there (Kazoo records a move's reason).
          const reason = left?.reason ?? null;
          this.writeMove(port, from, { message: `Moved back to ${stateLabel(from)} (undo)`, reason, ...(reason ? { stateReason: reason } : {}) }, now);
          result.restored.push(id);
        } else {
          const sent = unsent ? 'has changes queued after its move' : `its move to ${stateLabel(to)} was already sent to the remote`;
          const why = canTransition(to, from) ? "this connection is not the request's port authority" : `${stateLabel(to)} cannot go back to ${stateLabel(from)}`;
          result.skipped.push({ id, name: port.name, reason: `${sent}, and ${why}` });
        }
      }
    })();
    if (result.restored.length > 0) this.changes.emit({ type: 'ports', ids: result.restored, removed: [] });
    return result;
  }

  /**
   * Delete a port where Kazoo allows it. A port never pushed simply disappears with its queued
   * changes; one that exists remotely leaves a delete in the outbox. Returns what the delete
   * leaves on the remote, for the specialist to hear (a Telnyx draft stays there), or null.
   */
  delete(id: string): { leftOnRemote: string | null } {
    const port = this.require(id);
    if (!isDeletable(port.state)) {
      throw new AppError('LOCKED', `"${port.name}" is ${port.state}: only unconfirmed, rejected or canceled ports can be deleted; cancel it first`);
    }
    const now = this.clock.now();
    const { ports, outbox, db } = this.repos;
    // Read before the cascade removes the rows that say which content the port used.
    const blobs = this.repos.attachments.portBlobs(id);
    db.transaction(() => {
      outbox.deleteOfPort(id);
      if (port.remoteObjectId) {
        outbox.append({ portId: id, entity: 'port', entityId: id, op: 'port.delete', payload: { remoteId: port.remoteId, remoteObjectId: port.remoteObjectId }, baseRevision: port.remoteRevision, now });
      }
      ports.delete(id);
    })();
    // Not awaited (delete stays synchronous); which blobs are orphaned is decided before this returns.
    void this.releaseBlobs(blobs);
    this.changes.emit({ type: 'ports', ids: [], removed: [id] });
    const kind = port.remoteObjectId ? this.repos.remotes.list().find((r) => r.id === port.remoteId)?.kind : undefined;
    return { leftOnRemote: kind && port.remoteObjectId ? leftOnRemoteByDelete(kind, port.remoteObjectId, port.state) : null };
  }

  private assertReady(port: PortRow): void {
    const problems = this.readiness(port);
    if (problems.length > 0) {
      throw new AppError('VALIDATION', `"${port.name}" is not ready to submit: ${problems.map((p) => p.message).join('; ')}`, { problems });
    }
  }

  /** What stops the port from being submitted: the same list the window and the CLI show. */
  readiness(port: PortRow): ReadinessProblem[] {
    const numbers = this.repos.numbers.list(port.id);
    const firstNumber = numbers.map((n) => n.e164).sort()[0] ?? null;
    return portProblems({ ...port, numbers, attachments: this.repos.attachments.list(port.id), firstNumber }, isoDay(new Date(this.clock.now())));
  }

  private require(id: string): PortRow {
    const port = this.repos.ports.get(id);
    if (!port) throw notFound(id);
    return port;
  }

  private requireEditable(id: string, what: string): PortRow {
    const port = this.require(id);
    if (!isEditable(port.state)) {
      throw new AppError('LOCKED', `"${port.name}" is ${port.state} and cannot be ${what}: ports can be changed only while unconfirmed or rejected`);
    }
    return port;
  }

  private normalizeAll(inputs: string[], country: string): { numbers: string[]; notes: string[] } {
    const cc = country.toUpperCase();
    if (!isCountryCode(cc)) throw new AppError('VALIDATION', `"${country}" is not a known country code (use two letters, e.g. US)`, { field: 'country' });
    const numbers: string[] = [];
    const notes: string[] = [];
    const invalid: string[] = [];
    for (const input of inputs) {
      const parsed = normalizeNumber(input, cc);
      if (parsed.ok) {
        numbers.push(parsed.e164);
        if (parsed.note) notes.push(parsed.note);
      } else {
        invalid.push(parsed.reason);
      }
    }
    if (invalid.length > 0) {
      throw new AppError('INVALID_NUMBER', invalid.length === 1 ? `Number ${invalid[0]}` : `${invalid.length} numbers are invalid: ${invalid.join('; ')}`, { invalid });
    }
    return { numbers, notes };
  }

  /**
   * Insert numbers inside the caller's transaction. The partial unique index on open numbers is
   * the check (one lookup per number would double the cost of a 100k-number import); clashes are
   * collected, named, and the whole transaction is rolled back.
   */
  private insertNumbers(portId: string, e164s: string[], open: boolean): void {
    const clashes: string[] = [];
    for (const e164 of e164s) {
      try {
        this.repos.numbers.insert(portId, e164, open);
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
        clashes.push(e164);
      }
    }
    if (clashes.length === 0) return;
    const named = clashes.slice(0, 5).map((n) => `${n} (on "${this.repos.numbers.openOwner(n)?.name ?? 'another port'}")`);
    const more = clashes.length > 5 ? ` and ${clashes.length - 5} more` : '';
    throw new AppError('NUMBER_IN_USE', `Already on another open port: ${named.join(', ')}${more}`, { numbers: clashes });
  }
}

/** A US state written as its name is stored as its code ("Illinois" → "IL"): carriers match on the code. */
function regionFor(fields: Pick<PortFields, 'country'>, region: string, numbers: readonly string[]): string {
  const first = [...numbers].sort()[0];
  return effectiveCountry(fields, first ? countryOfNumber(first) : null) === 'US' ? normalizeUsRegion(region) : region;
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No port request with id ${id}`, { id });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
