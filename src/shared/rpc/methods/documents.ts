import { z } from 'zod';
import { AttachmentSchema, cleanString } from '../../model';
import { method } from '../method';

const id = z.string().min(1, 'is required');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 content hash');
const kind = AttachmentSchema.shape.kind;
/** Bytes cross the RPC as base64 (JSON only); 8,000,000 bytes (the attachment limit) encode to 10,666,668 characters. */
const base64 = z.base64('must be base64-encoded bytes').max(10_666_668, 'is over the 8,000,000-byte attachment limit');
const filename = cleanString().trim().min(1, 'is required').max(255);

export const AttachmentInfoSchema = AttachmentSchema.extend({
  version: z.number().int(),
  remoteName: z.string().nullable(),
  updatedAt: z.number().int(),
  hasDraft: z.boolean(),
});
export type AttachmentInfo = z.infer<typeof AttachmentInfoSchema>;

export const AttachmentVersionSchema = z.object({
  version: z.number().int(),
  sha256: z.string(),
  size: z.number().int(),
  reason: z.enum(['added', 'replaced', 'annotated']),
  createdAt: z.number().int(),
  /** For an LOA: signed as of this version (null: not recorded). */
  signed: z.boolean().nullable(),
});
export type AttachmentVersion = z.infer<typeof AttachmentVersionSchema>;

/** `previousSha256`: the draft before its last change (what Undo goes back to after a reopen); null: the saved version. */
export const DraftInfoSchema = z.object({ baseSha256: z.string(), draftSha256: z.string(), signed: z.boolean(), updatedAt: z.number().int(), previousSha256: z.string().nullable() });
export type DraftInfo = z.infer<typeof DraftInfoSchema>;

export const documentsMethods = {
  'attachments.list': method(z.object({ portId: id }), z.array(AttachmentInfoSchema)),
  'attachments.add': method(z.object({ portId: id, filename, contentBase64: base64, kind: kind.optional() }), AttachmentInfoSchema),
  /** Desktop app only: attach a dropped file by its path (main reads it; the host refuses). */
  'attachments.addPath': method(z.object({ portId: id, path: z.string().min(1, 'is required').max(4096), kind: kind.optional() }), AttachmentInfoSchema),
  'attachments.rename': method(z.object({ id, name: filename.optional(), kind: kind.optional() }), AttachmentInfoSchema),
  'attachments.replace': method(z.object({ id, filename, contentBase64: base64 }), AttachmentInfoSchema),
  'attachments.delete': method(z.object({ id }), z.object({ deleted: z.string() })),
  'attachments.read': method(
    z.object({ id, version: z.number().int().min(1).optional(), draft: z.boolean().optional() }),
    z.object({ name: z.string(), sha256: z.string(), contentBase64: z.string() }),
  ),
  'attachments.versions': method(z.object({ id }), z.array(AttachmentVersionSchema)),
  /** Make an earlier version current again (as a new version; an LOA takes that version's signed state). */
  'attachments.restore': method(z.object({ id, version: z.number().int().min(1) }), AttachmentInfoSchema),
  'annotations.draft': method(z.object({ id }), DraftInfoSchema.nullable()),
  /** `signed`: the annotations include a signature placed in the viewer (signs a generated LOA when saved). */
  'annotations.saveDraft': method(z.object({ id, baseSha256: sha256, contentBase64: base64, signed: z.boolean().optional() }), DraftInfoSchema),
  'annotations.discardDraft': method(z.object({ id }), z.object({ discarded: z.string() })),
  /** Place a PNG where the user clicked (PDF points, 1-based pages) on the viewer's document; answers the new draft. */
  'annotations.stamp': method(
    z.object({
      id,
      baseSha256: sha256,
      contentBase64: base64,
      pngBase64: z.base64('must be base64-encoded bytes').max(700_000, 'is too large for a stamp'),
      placements: z.array(z.object({ page: z.number().int().min(1), x: z.number().finite(), y: z.number().finite(), width: z.number().positive().max(2000), height: z.number().positive().max(2000) })).min(1).max(2000),
      label: z.enum(['Signature', 'Initials', 'Date']),
      signed: z.boolean().optional(),
    }),
    DraftInfoSchema,
  ),
  /** Undo after reopening a draft: back to the draft state `toSha256` (null: no draft, the saved version). */
  'annotations.revertDraft': method(z.object({ id, toSha256: sha256.nullable() }), DraftInfoSchema.nullable()),
  'annotations.save': method(z.object({ id, baseSha256: sha256, contentBase64: base64, signed: z.boolean().optional() }), AttachmentInfoSchema),
  /** `unprintable`: characters of the port's data the LOA fonts cannot draw (printed as "?"). */
  'loa.generate': method(
    z.object({ portId: id, draft: z.boolean().optional(), attach: z.boolean().optional() }),
    z.object({ attachment: AttachmentInfoSchema.nullable(), contentBase64: z.string(), unprintable: z.array(z.string()) }),
  ),
  'loa.remote': method(z.object({ portId: id }), z.object({ attachment: AttachmentInfoSchema.nullable(), contentBase64: z.string() })),
  'signature.get': method(z.object({}), z.object({ pngBase64: z.string(), updatedAt: z.number().int() }).nullable()),
  'signature.set': method(z.object({ pngBase64: z.base64('must be base64-encoded bytes').max(700_000, 'is too large for a signature') }), z.object({ updatedAt: z.number().int() })),
  'signature.clear': method(z.object({}), z.object({ cleared: z.literal(true) })),
};
