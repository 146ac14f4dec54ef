import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Router } from '../rpc/router';
import type { ChangeBus } from '../services/changes';
import type { RpcResult } from '../../shared/rpc/contract';

export interface IpcBindingOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  router: Router;
  changes: ChangeBus;
  /** The window whose frames may call; anything else is refused. */
  contents: () => WebContents | undefined;
  /** True when a frame URL belongs to the app (file:// build or the dev server). */
  isTrustedUrl: (url: string) => boolean;
}

/**
 * Bind the router to Electron IPC: one channel for calls, one for change events. Every call's
 * sender frame must be the app's main frame at a trusted URL; the payload is validated by the
 * router against the contract.
 */
export function bindIpc(options: IpcBindingOptions): () => void {
  const handler = async (event: IpcMainInvokeEvent, message: unknown): Promise<RpcResult> => {
    const frame = event.senderFrame;
    const contents = options.contents();
    if (!frame || !contents || event.sender !== contents || frame !== contents.mainFrame || !options.isTrustedUrl(frame.url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC sender is not the PortDesk window' } };
    }
    if (typeof message !== 'object' || message === null) {
      return { ok: false, error: { code: 'VALIDATION', message: 'IPC message must be an object { method, input }' } };
    }
    const { method, input } = message as { method?: unknown; input?: unknown };
    return options.router.call(method, input);
  };
  options.ipcMain.handle('portdesk:rpc', handler);
  const unsubscribe = options.changes.subscribe((event) => {
    const contents = options.contents();
    if (contents && !contents.isDestroyed()) contents.send('portdesk:event', event);
  });
  return () => {
    unsubscribe();
    options.ipcMain.removeHandler('portdesk:rpc');
  };
}
