import { z } from 'zod';
import type { ContentStore } from '../documents/contentStore';
import type { OutboxOp } from '../db/repos/outbox-repo';
import { RemoteError } from './errors';
import type { RemoteAdapter } from './adapters/types';
import type { QueuedRow, SyncStore } from './store';

/** Outbox ops about a port's attachments and comments rather than the port itself. */
export const EXTRA_OPS: readonly OutboxOp[] = ['attachment.add', 'attachment.replace', 'attachment.delete', 'comment.add'];

export interface ExtrasContext {
  store: SyncStore;
  adapter: RemoteAdapter;
  remoteId: string;
  content: ContentStore;
}

const documentType = z.enum(['loa', 'invoice']).nullable();
// Payloads as the documents and comments services write them (docs/documents.md).
const AddSchema = z.object({ attachmentId: z.string(), name: z.string(), sha256: z.string(), contentType: z.string(), documentType });
const ReplaceSchema = AddSchema.extend({ remoteName: z.string() });
const DeleteSchema = z.object({ attachmentId: z.string(), remoteName: z.string(), documentType });
const CommentSchema = z.object({ commentId: z.string(), body: z.string(), isPrivate: z.boolean().catch(false), actionRequired: z.boolean().catch(false) });

/**
 * Push one attachment or comment row to the remote request `remoteObjectId`, then record it in one
 * transaction (remote name or id, row deleted). Uploads are idempotent by the adapter (Kazoo keys
 * files by name; Telnyx labels carry the attachment id and hash); a comment carries its id or is
 * looked up by text on a retry.
 */
export async function pushExtra(ctx: ExtrasContext, row: QueuedRow, remoteObjectId: string, retried: boolean): Promise<void> {
  const { store, adapter } = ctx;
  switch (row.op) {
    case 'attachment.add':
    case 'attachment.replace': {
      const p = row.op === 'attachment.add' ? { ...parse(AddSchema, row), remoteName: null } : parse(ReplaceSchema, row);
      if (!store.attachment(p.attachmentId)) {
        store.deleteRow(row.seq);
        return;
      }
      const bytes = await ctx.content.read(p.sha256);
      const remoteName = await adapter.putAttachment(remoteObjectId, { ...p, bytes }, { replacing: p.remoteName, retried });
      store.db.transaction(() => {
        // The service may have deleted or renamed the attachment while this upload was on the wire.
        const now = store.attachment(p.attachmentId);
        if (p.remoteName && remoteName !== p.remoteName) forgetRemote(ctx, row, remoteObjectId, p.remoteName);
        if (remoteName && (!now || (now.name !== p.name && now.remoteName === null))) {
          store.queueAttachmentDelete(row, { attachmentId: p.attachmentId, remoteName, documentType: p.documentType });
        } else if (remoteName) {
          store.setAttachmentRemoteName(p.attachmentId, remoteName);
        }
        store.rowDone(row);
      })();
      return;
    }
    case 'attachment.delete': {
      const p = parse(DeleteSchema, row);
      const deleted = await adapter.deleteAttachment(remoteObjectId, p.remoteName);
      store.db.transaction(() => {
        if (!deleted) forgetRemote(ctx, row, remoteObjectId, p.remoteName);
        store.rowDone(row);
      })();
      return;
    }
    case 'comment.add': {
      const p = parse(CommentSchema, row);
      const remoteCommentId = await adapter.addComment(remoteObjectId, p, retried);
      store.db.transaction(() => {
        store.setCommentRemoteId(p.commentId, remoteCommentId);
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
  return `gone-att:${remoteObjectId}/${remoteName}`;
}

function parse<T>(schema: z.ZodType<T>, row: QueuedRow): T {
  const parsed = schema.safeParse(row.payload);
  if (!parsed.success) throw new RemoteError({ kind: 'permanent', status: 0, message: `The queued ${row.op} change is unreadable: ${parsed.error.issues[0]?.message ?? 'bad payload'}` });
  return parsed.data;
}
