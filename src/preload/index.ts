import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

/**
 * The only thing the renderer gets: a call function and a change-event subscription. Raw
 * ipcRenderer never crosses the bridge; main validates every message and its sender.
 */
const api = {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('portdesk:rpc', { method, input }),
  subscribe: (listener: (event: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on('portdesk:event', handler);
    return () => ipcRenderer.removeListener('portdesk:event', handler);
  },
};

contextBridge.exposeInMainWorld('portdesk', api);

export type PreloadApi = typeof api;
