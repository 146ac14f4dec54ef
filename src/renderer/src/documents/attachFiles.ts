import type { Attachment } from '../../../shared/model';
import type { AttachmentInfo } from '../../../shared/rpc/methods/documents';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { toBase64 } from './bytes';

/** Files carried by a drag, a picker or a paste (directories and plain text are not files). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? Array.from(data.files).filter((f) => f.size > 0 || f.type !== '') : [];
}

export function carriesFiles(data: DataTransfer | null): boolean {
  return data?.types.includes('Files') ?? false;
}

/**
 * Attach files to a port, one by one so a rejected file (wrong type, encrypted, too large) is
 * named with the main process's own message while the others still go in. Resolves with what
 * was attached.
 */
export async function attachFiles(portId: string, files: File[], kind?: Attachment['kind']): Promise<AttachmentInfo[]> {
  const toast = useNoticeStore.getState().toast;
  const attached: AttachmentInfo[] = [];
  for (const file of files) {
    try {
      // In the desktop app main reads a dropped file itself (no base64 copy through the renderer);
      // pasted files and the browser host have no path, so their bytes are sent.
      const path = window.portdesk?.pathForFile?.(file) ?? '';
      const kindArg = kind ? { kind } : {};
      if (path) {
        attached.push(await rpc.call('attachments.addPath', { portId, path, ...kindArg }));
      } else {
        const bytes = new Uint8Array(await file.arrayBuffer());
        attached.push(await rpc.call('attachments.add', { portId, filename: file.name || 'pasted.pdf', contentBase64: toBase64(bytes), ...kindArg }));
      }
    } catch (err) {
      toast('error', err instanceof Error ? err.message : String(err));
    }
  }
  if (attached.length > 0) toast('success', attached.length === 1 ? `Attached ${attached[0]!.name}` : `Attached ${attached.length} files`);
  return attached;
}
