import type { AttachmentKind } from '../db/repos/attachments-repo';

/** Pure rules of attachments: the outbox payloads the sync engine turns into Kazoo attachment calls and Telnyx documents. */

/** Telnyx accepts two supporting document types; other attachments have no Telnyx slot. */
export function telnyxDocumentType(kind: AttachmentKind): 'loa' | 'invoice' | null {
  if (kind === 'loa') return 'loa';
  if (kind === 'bill') return 'invoice';
  return null;
}

export interface AttachmentContent {
  attachmentId: string;
  name: string;
  kind: AttachmentKind;
  sha256: string;
  size: number;
  contentType: string;
}

/** Payload of `attachment.add`: upload these bytes (from the content store) under `name`. */
export function addPayload(a: AttachmentContent) {
  return { ...a, documentType: telnyxDocumentType(a.kind) };
}

/** Payload of `attachment.replace`: the remote file `remoteName` gets these bytes. */
export function replacePayload(a: AttachmentContent & { remoteName: string; version: number; reason: 'replaced' | 'annotated' }) {
  return { ...a, documentType: telnyxDocumentType(a.kind) };
}

/** Payload of `attachment.delete`: remove the remote file `remoteName`. */
export function deletePayload(a: { attachmentId: string; remoteName: string; kind: AttachmentKind }) {
  return { attachmentId: a.attachmentId, remoteName: a.remoteName, documentType: telnyxDocumentType(a.kind) };
}
