import type { PortState, RemoteKind } from '../../shared/model';

/**
 * What deleting a port in PortDesk leaves on its remote, in words for the specialist; null where
 * the delete is sent there (Kazoo). Telnyx v1 has no call that deletes a draft or a port request
 * (real-servers.md "Paths"; the adapter's `remove()` sends nothing): the sync only remembers the
 * copy as gone, so no pull brings it back, and it stays on Telnyx until deleted in the portal.
 * Here rather than beside the adapter: the ports service says it when the port is deleted, and
 * services do not import sync.
 */
export function leftOnRemoteByDelete(kind: RemoteKind, remoteObjectId: string, state: PortState): string | null {
  if (kind !== 'telnyx') return null;
  const [type, ...rest] = remoteObjectId.split(':');
  const id = rest.join(':');
  if (type === 'draft') return `Draft ${id} stays on Telnyx: Telnyx's v1 API cannot delete a draft, so delete it in the Telnyx portal. PortDesk will not pull it back`;
  const open = state !== 'canceled' && state !== 'completed';
  return `Port request ${id} stays on Telnyx: Telnyx's v1 API cannot delete a port request${open ? '; cancel it in the Telnyx portal if it should not go ahead' : ''}. PortDesk will not pull it back`;
}
