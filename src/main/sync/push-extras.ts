import type { ContentStore } from '../documents/contentStore';
import type { OutboxPayload } from '../db/repos/outbox-entries';
import { RemoteError } from './errors';
import type { RemoteAdapter } from './adapters/types';
import type { QueuedRow, SyncStore } from './store';

export { EXTRA_OPS } from '../db/repos/outbox-entries';

export interface ExtrasContext {
  store: SyncStore;
  adapter: RemoteAdapter;
  remoteId: string;
  content: ContentStore;
  now: () => number;
}

/** sync_state key prefix of remote attachments PortDesk deleted or superseded (`<object>/<remote name>` follows). */
export const GONE_ATTACHMENT_PREFIX = 'gone-att:';

/**
 * Push one attachment or comment row to the remote request `remoteObjectId`, then record it in one
 * transaction (remote name or id, row deleted). Uploads are idempotent by the adapter (Kazoo keys
 * files by name; Telnyx labels carry the attachment id and hash); a comment carries its id or is
 * looked up by text on a retry.
 */
export async function pushExtra(ctx: ExtrasContext, row: QueuedRow, remoteObjectId: string, retried: boolean): Promise<void> {
  const { store, adapter } = ctx;
  const { repos } = store;
  const change = row.change;
  switch (change?.op) {
    case 'attachment.add':
    case 'attachment.replace': {
      const p: OutboxPayload<'attachment.add'> & { remoteName: string | null } = change.op === 'attachment.add' ? { ...change.payload, remoteName: null } : change.payload;
      if (!repos.attachments.get(p.attachmentId)) {
        repos.outbox.deleteRow(row.seq);
        return;
      }
      const bytes = await ctx.content.read(p.sha256);
      const remoteName = await adapter.putAttachment(remoteObjectId, { ...p, bytes }, { replacing: p.remoteName, retried });
      store.db.transaction(() => {
        // The service may have deleted or renamed the attachment while this upload was on the wire.
        const now = repos.attachments.get(p.attachmentId);
        if (p.remoteName && remoteName !== p.remoteName) forgetRemote(ctx, row, remoteObjectId, p.remoteName);
        if (remoteName && (!now || (now.name !== p.name && now.remoteName === null))) {
          repos.outbox.append({
            portId: row.portId,
            entity: 'attachment',
            entityId: p.attachmentId,
            op: 'attachment.delete',
            payload: { attachmentId: p.attachmentId, remoteName, documentType: p.documentType },
            baseRevision: null,
            now: ctx.now(),
          });
        } else if (remoteName) {
          repos.attachments.setRemoteName(p.attachmentId, remoteName);
        }
        store.rowDone(row);
      })();
      return;
    }
    case 'attachment.delete': {
      const deleted = await adapter.deleteAttachment(remoteObjectId, change.payload.remoteName);
      store.db.transaction(() => {
        if (!deleted) forgetRemote(ctx, row, remoteObjectId, change.payload.remoteName);
        store.rowDone(row);
      })();
      return;
    }
    case 'comment.add': {
      const p = change.payload;
      const remoteCommentId = await adapter.addComment(remoteObjectId, p, retried);
      store.db.transaction(() => {
        repos.comments.setRemoteId(p.commentId, remoteCommentId);
        store.rowDone(row);
      })();
      return;
    }
    default:
      throw new RemoteError({ kind: 'permanent', status: 0, message: `PortDesk cannot push ${row.op} changes` });
  }
}

/** A remote file PortDesk cannot delete (Telnyx): remembered so a pull does not bring it back. */
function forgetRemote(ctx: ExtrasContext, row: QueuedRow, remoteObjectId: string, remoteName: string): void {
  ctx.store.setState(ctx.remoteId, goneAttachmentKey(remoteObjectId, remoteName), String(row.seq));
}

/** sync_state key of a remote attachment PortDesk deleted or superseded. */
export function goneAttachmentKey(remoteObjectId: string, remoteName: string): string {
  return `${GONE_ATTACHMENT_PREFIX}${remoteObjectId}/${remoteName}`;
}
