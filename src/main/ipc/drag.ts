import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { IpcMain, IpcMainEvent, NativeImage, WebContents } from 'electron';
import { sanitizeFilename } from '../documents';
import { toAppError, type AppErrorShape } from '../../shared/errors';

export const START_DRAG_CHANNEL = 'portdesk:start-drag';

const AttachmentId = z.string().min(1).max(200);

export interface DragOutOptions {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  /** The window whose frames may drag; anything else is ignored. */
  contents: () => WebContents | undefined;
  isTrustedUrl: (url: string) => boolean;
  /** Where an attachment's current bytes are and its name (DocumentsService.currentFile). */
  currentFile: (id: string) => { path: string; name: string };
  /** Parent of the per-drag temp folders (the OS temp dir in the app). */
  tempRoot: string;
  icon: () => NativeImage;
  /** Refused or failed drags, for the log: a drag has no reply channel. */
  onRefused: (error: AppErrorShape) => void;
}

/**
 * Drag an attachment out of the app to the desktop. The OS drag needs a real file, so the current
 * content is copied to a temp folder under its sanitised name and `startDrag` is called on the
 * sender. Synchronous on purpose: the OS drag must start while the pointer is still down. The
 * previous drag's folder goes when the next drag starts (the drop target has copied it by then).
 */
export function bindDragOut(options: DragOutOptions): () => void {
  let previous: string | undefined;
  const handler = (event: IpcMainEvent, message: unknown): void => {
    const frame = event.senderFrame;
    const contents = options.contents();
    if (!frame || !contents || event.sender !== contents || frame !== contents.mainFrame || !options.isTrustedUrl(frame.url)) {
      return options.onRefused({ code: 'FORBIDDEN', message: 'Drag sender is not the PortDesk window' });
    }
    const id = AttachmentId.safeParse(message);
    if (!id.success) return options.onRefused({ code: 'VALIDATION', message: 'A drag needs an attachment id' });
    try {
      const source = options.currentFile(id.data);
      if (previous) rmSync(previous, { recursive: true, force: true });
      mkdirSync(options.tempRoot, { recursive: true });
      previous = mkdtempSync(join(options.tempRoot, 'drag-'));
      const file = join(previous, sanitizeFilename(source.name));
      copyFileSync(source.path, file);
      event.sender.startDrag({ file, icon: options.icon() });
    } catch (err) {
      options.onRefused(toAppError(err));
    }
  };
  options.ipcMain.on(START_DRAG_CHANNEL, handler);
  return () => {
    options.ipcMain.removeListener(START_DRAG_CHANNEL, handler);
    if (previous) rmSync(previous, { recursive: true, force: true });
  };
}
