import { kazooFilename } from '../documents/filenames';
import type { AttachmentKind } from '../db/repos/attachments-repo';

/**
 * Pure rules of attachments: what kind a file name suggests, unique names per port, and the
 * outbox payloads the sync engine turns into Kazoo attachment calls and Telnyx documents.
 */

const LOA_NAME = /\bloa\b|letter[\s_-]*of[\s_-]*auth|authori[sz]ation/i;
const BILL_NAME = /bill|invoice|statement|\bcsr\b/i;

/** Guess the kind from the file name: an LOA, a carrier bill, or something else. */
export function guessKind(name: string): AttachmentKind {
  const base = name.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ');
  if (LOA_NAME.test(base)) return 'loa';
  if (BILL_NAME.test(base)) return 'bill';
  return 'other';
}

/**
 * The Kazoo name (`.pdf` appended) made unique among `taken`: Kazoo keys a port's attachments by
 * name, so a second `bill.pdf` would silently overwrite the first remotely. `bill.pdf` becomes
 * `bill (2).pdf`, `bill (3).pdf`, …
 */
export function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  const name = kazooFilename(wanted);
  if (!taken.has(name)) return name;
  const base = name.slice(0, -'.pdf'.length);
  for (let n = 2; ; n++) {
    const candidate = kazooFilename(`${base} (${n})`);
    if (!taken.has(candidate)) return candidate;
  }
}

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
