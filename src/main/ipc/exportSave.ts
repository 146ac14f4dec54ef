import { writeFile } from 'node:fs/promises';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { toAppError } from '../../shared/errors';
import { EXPORT_SAVE_CHANNEL, ExportSaveRequestSchema, type ExportSaveAnswer } from '../../shared/rpc/exportSave';
import type { ExportFile, ExportFormat, ExportRequest } from '../services/export-service';

export interface ExportSaveOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The window whose main frame may ask; anything else is refused. */
  contents: () => WebContents | undefined;
  isTrustedUrl: (url: string) => boolean;
  /** The file name the export would get (the dialog's suggestion). */
  fileName: (format: ExportFormat) => string;
  exportFile: (request: ExportRequest) => Promise<ExportFile>;
  /** The native save dialog: the chosen path, or undefined when canceled. */
  askPath: (suggested: string, format: ExportFormat) => Promise<string | undefined>;
  write?: (path: string, bytes: Buffer) => Promise<void>;
}

/**
 * Export the window's ports to a file the user picks in the native save dialog. The dialog comes
 * first (nothing is built for a canceled save); main writes the file, so the bytes never cross IPC.
 */
export function bindExportSave(options: ExportSaveOptions): () => void {
  const write = options.write ?? ((path: string, bytes: Buffer) => writeFile(path, bytes));
  const handler = async (event: IpcMainInvokeEvent, message: unknown): Promise<ExportSaveAnswer> => {
    const frame = event.senderFrame;
    const contents = options.contents();
    if (!frame || !contents || event.sender !== contents || frame !== contents.mainFrame || !options.isTrustedUrl(frame.url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Export sender is not the PortDesk window' } };
    }
    const parsed = ExportSaveRequestSchema.safeParse(message);
    if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: 'An export needs the ports (ids), a format (csv or xlsx) and perNumber' } };
    const { ids, format, perNumber } = parsed.data;
    try {
      const path = await options.askPath(options.fileName(format), format);
      if (!path) return { ok: true, saved: null };
      const file = await options.exportFile({ format, perNumber, source: { ids } });
      await write(path, file.bytes);
      return { ok: true, saved: { path, ports: file.ports, rows: file.rows } };
    } catch (err) {
      return { ok: false, error: toAppError(err) };
    }
  };
  options.ipcMain.handle(EXPORT_SAVE_CHANNEL, handler);
  return () => options.ipcMain.removeHandler(EXPORT_SAVE_CHANNEL);
}
