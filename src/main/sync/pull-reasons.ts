import type { RemoteAdapter, RemotePort } from './adapters/types';
import { RemoteError } from './errors';
import { pool } from './pool';
import type { PullGets } from './pull-gets';

const REASON_CONCURRENCY = 4;

/**
 * A rejection is only useful with the carrier's reason, which Kazoo keeps on the request's
 * timeline rather than in the listing: fetch it for the rejected requests that changed since the
 * last pull (a move changes the revision), not for every rejected request on every pull.
 */
export async function fillStateReasons(adapter: RemoteAdapter, remotes: RemotePort[], known: ReadonlyMap<string, string | null>, gets: PullGets): Promise<void> {
  const { stateReason } = adapter;
  if (!stateReason) return;
  const todo = remotes.filter((r) => r.state === 'rejected' && r.stateReason === undefined && known.get(r.remoteObjectId) !== r.revision);
  await pool(todo, REASON_CONCURRENCY, async (remote) => {
    try {
      remote.stateReason = await gets.get(() => stateReason.call(adapter, remote.remoteObjectId, remote.state));
      // A family that words its own status (Telnyx) explains the rejection with this same text,
      // which its listing does not carry: the status detail is filled here too.
      if (remote.remoteStatus !== undefined) remote.remoteStatusDetail ??= remote.stateReason ?? '';
    } catch (err) {
      // Gone between the listing and this call: the next pull sees it removed.
      if (!(err instanceof RemoteError && err.kind === 'not_found')) throw err;
    }
  });
}
