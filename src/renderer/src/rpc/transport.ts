import { ChangeEventSchema, type ChangeEvent } from '../../../shared/rpc/events';
import type { RpcResult } from '../../../shared/rpc/contract';
import { RpcClient, type RpcTransport } from '../../../shared/rpc/client';
import type { ExportSaveRequest } from '../../../shared/rpc/exportSave';

interface PreloadBridge {
  call(method: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: unknown) => void): () => void;
  /** Desktop only: a dropped File's path on disk ('' when it has none). */
  pathForFile?(file: File): string;
  /** Desktop only: drag an attachment out to the desktop as a file. */
  startDrag?(attachmentId: string): void;
  /** Desktop only: export ports to a file picked in the native save dialog (see main/ipc/exportSave.ts). */
  saveExport?(request: ExportSaveRequest): Promise<unknown>;
}

declare global {
  interface Window {
    portdesk?: PreloadBridge;
  }
}

function isResult(value: unknown): value is RpcResult {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function asResult(value: unknown): RpcResult {
  return isResult(value) ? value : { ok: false, error: { code: 'INTERNAL', message: 'Malformed answer from PortDesk' } };
}

function fanOut(raw: unknown, listener: (event: ChangeEvent) => void): void {
  const parsed = ChangeEventSchema.safeParse(raw);
  if (parsed.success) listener(parsed.data);
}

/** What a listener is told when its event stream becomes live, and again after any gap in it. */
const RESYNC: ChangeEvent = { type: 'reload' };

/** Whether the renderer reaches main: the host's event socket is open (Electron's IPC always is). */
let connected = true;
const connectionListeners = new Set<() => void>();

function setConnected(value: boolean): void {
  if (connected === value) return;
  connected = value;
  for (const l of connectionListeners) l();
}

/** For useSyncExternalStore: the current connection state and its change notifications. */
export const connection = {
  isConnected: (): boolean => connected,
  subscribe: (listener: () => void): (() => void) => {
    connectionListeners.add(listener);
    return () => connectionListeners.delete(listener);
  },
};

/** Electron: the preload bridge. */
function ipcTransport(bridge: PreloadBridge): RpcTransport {
  return {
    call: async (method, input) => asResult(await bridge.call(method, input)),
    subscribe: (listener) => {
      const stop = bridge.subscribe((raw) => fanOut(raw, listener));
      // IPC is live as soon as the listener is registered: anything written from now on is told.
      queueMicrotask(() => listener(RESYNC));
      return stop;
    },
  };
}

const TOKEN_KEY = 'portdesk.token';

/** The host's token arrives in the URL fragment once; keep it for reloads and clean the address bar. */
function hostToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Headless host: HTTP for calls, a WebSocket (reconnecting) for change events. */
function httpTransport(token: string): RpcTransport {
  const listeners = new Set<(event: ChangeEvent) => void>();
  let socket: WebSocket | undefined;
  let retry = 500;
  const connect = () => {
    const url = `${window.location.origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`;
    socket = new WebSocket(url);
    socket.onopen = () => {
      retry = 500;
      setConnected(true);
      // Changes made before the socket opened (page load, a host restart, a dropped connection)
      // were never told to this page: every listener reloads what it shows.
      for (const l of listeners) l(RESYNC);
    };
    socket.onmessage = (msg) => {
      let raw: unknown;
      try {
        raw = JSON.parse(String(msg.data));
      } catch {
        return;
      }
      for (const l of listeners) fanOut(raw, l);
    };
    socket.onclose = () => {
      socket = undefined;
      setConnected(false);
      if (listeners.size > 0) setTimeout(connect, (retry = Math.min(retry * 2, 10_000)));
    };
  };
  return {
    call: async (method, input) => {
      try {
        const res = await fetch('/rpc', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, input }),
        });
        if (res.status === 401) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This page is not authorised: open the URL printed by npm run host' } };
        return asResult(await res.json());
      } catch (err) {
        return { ok: false, error: { code: 'NETWORK', message: `PortDesk host unreachable: ${(err as Error).message}` } };
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      if (!socket) connect();
      else if (socket.readyState === WebSocket.OPEN) queueMicrotask(() => listener(RESYNC));
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) socket?.close();
      };
    },
  };
}

/** The client for whichever shell the renderer runs in. */
export function createClient(): RpcClient {
  return new RpcClient(window.portdesk ? ipcTransport(window.portdesk) : httpTransport(hostToken()));
}

export const rpc = createClient();
