import type { PortFields, PortState } from '../../shared/model';
import { movePath } from '../../shared/domain/movePath';
import type { Repos } from '../db/repos';
import type { PortRow } from '../db/repos/ports-repo';
import { PORT_FIELD_KEYS } from '../db/repos/port-columns';

/**
 * Giving a port a remote, shared by the ports service (one port, a selection) and the remotes
 * service (the first remote added takes every port made without one).
 */

/**
 * Why `port` cannot leave the remote it has now (for another one, or to be kept local), or null
 * when it can: a port that exists on its remote stays there, and a port whose create was sent
 * without an answer may exist there until a sync has found it. That record is the port's own
 * (`ports.create_sent_at`/`create_settles_at`, set before the create leaves, cleared by its answer
 * or the link), not the outbox row's attempt count, which a requeue resets.
 */
export function cannotLeaveRemote(repos: Repos, port: PortRow, remoteName: (id: string) => string): string | null {
  if (!port.remoteId) return null;
  if (port.remoteObjectId) return `already exists on remote "${remoteName(port.remoteId)}"; it cannot move to another one`;
  // A settling time is only ever written together with the time the create was sent.
  if (repos.ports.createSent(port.id).settlesAt !== null) return `was already sent to remote "${remoteName(port.remoteId)}" without an answer yet; sync, then try again`;
  return null;
}

/**
 * Give `port` the remote `remoteId`, inside the caller's transaction: its queued changes then go
 * there. A port whose create is no longer queued (its previous remote was removed) gets one for the
 * whole port, followed by the moves that bring the remote copy to the port's state.
 */
export function writeAssignment(repos: Repos, port: PortRow, remoteId: string, remoteAccountId: string, message: string, actor: string, now: number): void {
  const { ports, events, outbox, numbers } = repos;
  ports.assignRemote(port.id, remoteId, remoteAccountId, now);
  events.add({ portId: port.id, at: now, kind: 'sync', fromState: null, toState: null, message, actor });
  if (outbox.hasCreate(port.id)) return;
  const fields = Object.fromEntries(PORT_FIELD_KEYS.map((k) => [k, port[k]])) as PortFields;
  outbox.append({ portId: port.id, entity: 'port', entityId: port.id, op: 'port.create', payload: { fields, numbers: numbers.list(port.id).map((n) => n.e164) }, baseRevision: null, now });
  // The remote copy starts unconfirmed: queue the moves that bring it to the port's state,
  // or the next pull would take the remote's word and set the port back to unconfirmed.
  let from: PortState = 'unconfirmed';
  for (const to of movePath(from, port.state) ?? []) {
    const date = to === 'scheduled' && port.focDate ? port.focDate : null;
    outbox.append({ portId: port.id, entity: 'port', entityId: port.id, op: 'port.move', payload: { from, to, reason: null, date }, baseRevision: null, now });
    from = to;
  }
}
