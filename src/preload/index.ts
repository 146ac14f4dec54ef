import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

/**
 * All the renderer gets: a call function, a change-event subscription, and the desktop file
 * operations a web page cannot do. Raw ipcRenderer never crosses the bridge; main validates every
 * message and its sender.
 */
const api = {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('portdesk:rpc', { method, input }),
  subscribe: (listener: (event: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on('portdesk:event', handler);
    return () => ipcRenderer.removeListener('portdesk:event', handler);
  },
  /** The path of a file dropped from the desktop ('' for one with no file behind it, e.g. pasted), so main reads it instead of the renderer copying the bytes. */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  /** Drag an attachment out to the desktop: main writes it to a temp file and starts the OS drag. */
  startDrag: (attachmentId: string): void => ipcRenderer.send('portdesk:start-drag', attachmentId),
  /** Export the window's ports to a file picked in the native save dialog; main builds and writes it. */
  saveExport: (request: { ids: string[]; format: 'csv' | 'xlsx'; perNumber: boolean }): Promise<unknown> => ipcRenderer.invoke('portdesk:export-save', request),
};

contextBridge.exposeInMainWorld('portdesk', api);

export type PreloadApi = typeof api;
