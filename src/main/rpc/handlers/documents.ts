import { AppError } from '../../../shared/errors';
import type { DocumentsService } from '../../services/documents-service';
import type { LoaService } from '../../services/loa-service';
import type { Handlers } from '../router';
import type { documentsMethods } from '../../../shared/rpc/methods/documents';

type DocumentHandlers = Pick<Handlers, keyof typeof documentsMethods>;

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * Attachments, annotations, LOA generation and the saved signature; bytes travel as base64.
 * `readsPaths`: whether callers may name files on this computer (the desktop app, whose renderer
 * got the path from a drop); the host's browser page must not make main read arbitrary paths.
 */
export function documentHandlers(documents: DocumentsService, loa: LoaService, readsPaths = false): DocumentHandlers {
  return {
    'attachments.list': ({ portId }) => documents.list(portId),
    'attachments.add': ({ portId, filename, contentBase64, kind }) => documents.add({ portId, filename, bytes: fromBase64(contentBase64), kind }),
    'attachments.addPath': ({ portId, path, kind }) => {
      if (!readsPaths) throw new AppError('FORBIDDEN', 'Attaching by file path is only available in the desktop app; send the file\'s content instead.');
      return documents.addPath({ portId, path, kind });
    },
    'attachments.rename': ({ id, name, kind }) => documents.rename(id, { name, kind }),
    'attachments.replace': ({ id, filename, contentBase64 }) => documents.replace(id, fromBase64(contentBase64), filename),
    'attachments.delete': async ({ id }) => {
      await documents.delete(id);
      return { deleted: id };
    },
    'attachments.read': async ({ id, version, draft }) => {
      const { bytes, sha256, name } = await documents.read(id, { version, draft });
      return { name, sha256, contentBase64: toBase64(bytes) };
    },
    'attachments.versions': ({ id }) => documents.versions(id),
    'attachments.restore': ({ id, version }) => documents.restore(id, version),
    'annotations.draft': ({ id }) => documents.draft(id),
    'annotations.saveDraft': ({ id, baseSha256, contentBase64, signed }) => documents.saveDraft(id, baseSha256, fromBase64(contentBase64), signed === true),
    'annotations.discardDraft': async ({ id }) => {
      await documents.discardDraft(id);
      return { discarded: id };
    },
    'annotations.stamp': ({ id, baseSha256, contentBase64, pngBase64, placements, label, signed }) =>
      documents.stamp(id, baseSha256, fromBase64(contentBase64), fromBase64(pngBase64), placements, label, signed === true),
    'annotations.revertDraft': ({ id, toSha256 }) => documents.revertDraft(id, toSha256),
    'annotations.save': ({ id, baseSha256, contentBase64, signed }) => documents.saveAnnotated(id, baseSha256, fromBase64(contentBase64), signed === true),
    'loa.generate': async ({ portId, draft, attach }) => {
      const { bytes, attachment, unprintable } = await loa.generate(portId, { draft, attach });
      return { attachment, contentBase64: toBase64(bytes), unprintable };
    },
    'loa.remote': async ({ portId }) => {
      const { bytes, attachment } = await loa.fromRemote(portId);
      return { attachment, contentBase64: toBase64(bytes) };
    },
    'signature.get': () => {
      const saved = documents.signature();
      return saved ? { pngBase64: toBase64(saved.png), updatedAt: saved.updatedAt } : null;
    },
    'signature.set': ({ pngBase64 }) => documents.setSignature(fromBase64(pngBase64)),
    'signature.clear': () => {
      documents.clearSignature();
      return { cleared: true as const };
    },
  };
}
