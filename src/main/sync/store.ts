import type { PortFields } from '../../shared/model';
import type { Repos } from '../db/repos';
import { PORT_FIELD_KEYS } from '../db/repos/port-columns';
import type { QueuedRow } from '../db/repos/outbox-repo';
import type { PortRow } from '../db/repos/ports-repo';
import type { LocalSnapshot, RemotePort } from './adapters/types';
import { cleanRemotePort } from './clean-remote';

export type { QueuedRow } from '../db/repos/outbox-repo';
export { FIELD_OPS } from '../db/repos/outbox-entries';

/**
 * The engine's steps over the repositories, each one short synchronous transaction, so a crash
 * between two of them leaves a state the next run resumes. No SQL here: every write goes through
 * the repositories, like the services' writes.
 */
export class SyncStore {
  constructor(readonly repos: Repos) {}

  get db(): Repos['db'] {
    return this.repos.db;
  }

  port(portId: string): PortRow | undefined {
    return this.repos.ports.get(portId);
  }

  snapshot(portId: string): LocalSnapshot | undefined {
    const port = this.repos.ports.get(portId);
    return port ? this.snapshotOf(port) : undefined;
  }

  /** The snapshot of a port row already read. */
  snapshotOf(port: PortRow): LocalSnapshot {
    return { localId: port.id, state: port.state, fields: fieldsOf(port), numbers: this.repos.numbers.e164s(port.id) };
  }

  /** Street parts a linked port's one-line remote street may be written from: local, agreed, sent (AdapterContext.streetHints). */
  streetHints(remoteId: string, remoteObjectId: string): PortFields[] {
    const id = this.repos.ports.idByObject(remoteId, remoteObjectId);
    const local = id ? this.snapshot(id) : undefined;
    if (!id || !local) return [];
    const { base, sent } = this.repos.ports.mergeBase(id);
    return [local.fields, ...(base ? [base.fields] : []), ...sent.map((s) => s.fields)];
  }

  /** Stop this port's queue at `seq` and show the server's message on the port. */
  block(seq: number, portId: string, message: string): void {
    this.db.transaction(() => {
      this.repos.outbox.block(seq, message);
      this.repos.ports.markError(portId, message);
    })();
  }

  /**
   * Record a successful push in one transaction: link/refresh the remote copy, drop the rows it
   * covered, and mark the port synced when nothing else is queued.
   */
  pushed(portId: string, answer: RemotePort, done: { seq?: number; fieldRowsUpTo?: number }): void {
    // The answer becomes the merge base: cleaned exactly as a pulled port is, or the next pull
    // (which compares cleaned text) would take a stray space or escape for a remote change.
    const remote = cleanRemotePort(answer);
    this.db.transaction(() => {
      this.repos.ports.link(portId, remote.remoteObjectId, remote.revision, remote.accountId);
      this.repos.ports.setRemoteStatus(portId, remote);
      // A write's answer says who the port authority is (Kazoo 4.3 `_read_only`), like a pull: the
      // moves this connection may make are known right after its create, before any pull.
      this.repos.ports.setRemoteAuthority(portId, remote.authority);
      this.repos.ports.setMergeBase(portId, { fields: remote.fields, numbers: remote.numbers, state: remote.state });
      if (done.seq !== undefined) this.repos.outbox.deleteRow(done.seq);
      if (done.fieldRowsUpTo !== undefined) this.repos.outbox.deleteFieldRowsUpTo(portId, done.fieldRowsUpTo);
      this.settle(portId);
    })();
  }

  /** A row pushed without touching the port document: drop it; the port is synced when nothing is left. */
  rowDone(row: QueuedRow): void {
    this.db.transaction(() => {
      this.repos.outbox.deleteRow(row.seq);
      this.settle(row.portId);
    })();
  }

  private settle(portId: string): void {
    if (this.repos.outbox.remaining(portId) === 0) this.repos.ports.markSynced(portId);
    else this.repos.ports.markPendingOk(portId);
  }

  getState(remoteId: string, key: string): string | undefined {
    return this.repos.syncState.get(remoteId, key);
  }

  setState(remoteId: string, key: string, value: string): void {
    this.repos.syncState.set(remoteId, key, value);
  }

  clearState(remoteId: string, key: string): void {
    this.repos.syncState.clear(remoteId, key);
  }
}

/** The PortFields of a port row. */
export function fieldsOf(port: PortRow): PortFields {
  return Object.fromEntries(PORT_FIELD_KEYS.map((k) => [k, port[k]])) as PortFields;
}
