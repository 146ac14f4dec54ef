import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import {
  confirmAndOpenExternal,
  externalLinkDialog,
  hardenSession,
  hardenWebContents,
  type HardenableSession,
  type HardenableWebContents,
  type PreventableEvent,
} from '../../../src/main/shell/harden';
import { contentSecurityPolicy, type ResponseHeaders } from '../../../src/main/shell/csp';

const APP = 'file:///opt/PortDesk/resources/app.asar/out/renderer/';
const PAGE = `${APP}index.html`;

/** Compile-time proof that Electron's real objects fit the structural types (never called). */
export function electronObjectsFit(contents: WebContents, session: Session): [HardenableWebContents, HardenableSession] {
  return [contents, session];
}

type Listener = (...args: never[]) => unknown;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents: HardenableWebContents = {
    setWindowOpenHandler: (h) => {
      openHandler = h;
    },
    on: (event: string, listener: Listener) => {
      listeners.set(event, listener);
      return contents;
    },
  };
  const fire = (name: string, url: string, style: 'event' | 'legacy' = 'event') => {
    const event: PreventableEvent = { preventDefault: vi.fn(), ...(style === 'event' ? { url } : {}) };
    const listener = listeners.get(name) as ((e: PreventableEvent, url?: string) => void) | undefined;
    if (!listener) throw new Error(`no ${name} listener`);
    listener(event, url);
    return vi.mocked(event.preventDefault).mock.calls.length > 0;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }), listeners };
}

describe('hardenWebContents', () => {
  it('denies every new window and offers only http(s) links to the OS browser', () => {
    const f = fakeContents();
    const offerExternal = vi.fn();
    hardenWebContents(f.contents, { appOrigin: APP, offerExternal });
    expect(f.open('https://www.telnyx.com/')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(f.open(PAGE)).toEqual({ action: 'deny' });
    expect(offerExternal.mock.calls).toEqual([['https://www.telnyx.com/']]);
  });

  it('blocks navigation away from the app, allowing in-app routes', () => {
    const f = fakeContents();
    const offerExternal = vi.fn();
    hardenWebContents(f.contents, { appOrigin: APP, offerExternal });
    expect(f.fire('will-navigate', `${PAGE}#/ports`)).toBe(false);
    expect(f.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(f.fire('will-navigate', 'file:///home/user/.ssh/id_rsa')).toBe(true);
    expect(f.fire('will-navigate', 'https://legacy.example/', 'legacy')).toBe(true);
    expect(offerExternal.mock.calls).toEqual([['https://evil.example/phish'], ['https://legacy.example/']]);
  });

  it('blocks redirects and sub-frame navigations out of the app without offering them', () => {
    const f = fakeContents();
    const offerExternal = vi.fn();
    hardenWebContents(f.contents, { appOrigin: APP, offerExternal });
    expect(f.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-redirect', PAGE)).toBe(false);
    expect(offerExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach any <webview>', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, { appOrigin: APP, offerExternal: vi.fn() });
    expect(f.fire('will-attach-webview', PAGE)).toBe(true);
  });
});

function fakeSession() {
  let request: Parameters<HardenableSession['setPermissionRequestHandler']>[0] | undefined;
  let check: Parameters<HardenableSession['setPermissionCheckHandler']>[0] | undefined;
  let headers: Parameters<HardenableSession['webRequest']['onHeadersReceived']>[0] | undefined;
  const session: HardenableSession = {
    setPermissionRequestHandler: (h) => {
      request = h;
    },
    setPermissionCheckHandler: (h) => {
      check = h;
    },
    webRequest: {
      onHeadersReceived: (l) => {
        headers = l;
      },
    },
  };
  return {
    session,
    request: (permission: string, requestingUrl: string) =>
      new Promise<boolean>((resolve) => request?.({}, permission, resolve, { requestingUrl })),
    check: (permission: string, origin: string) => check?.({}, permission, origin, {}),
    respond: (responseHeaders: ResponseHeaders) =>
      new Promise<ResponseHeaders>((resolve) => headers?.({ responseHeaders }, (r) => resolve(r.responseHeaders))),
  };
}

describe('hardenSession', () => {
  const csp = contentSecurityPolicy();

  it.each(['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'display-capture', 'hid', 'serial', 'fullscreen'])(
    'denies the %s permission, even to the app',
    async (permission) => {
      const f = fakeSession();
      hardenSession(f.session, { appOrigin: APP, csp });
      expect(await f.request(permission, PAGE)).toBe(false);
      expect(f.check(permission, PAGE)).toBe(false);
    },
  );

  it('allows clipboard writes to the app page only', async () => {
    const f = fakeSession();
    hardenSession(f.session, { appOrigin: APP, csp });
    expect(await f.request('clipboard-sanitized-write', PAGE)).toBe(true);
    expect(await f.request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(f.check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });

  it('sets the CSP header on every response, replacing the server one', async () => {
    const f = fakeSession();
    hardenSession(f.session, { appOrigin: APP, csp });
    const out = await f.respond({ 'Content-Security-Policy': ["default-src * 'unsafe-eval'"], 'X-Other': ['1'] });
    expect(out['Content-Security-Policy']).toEqual([csp]);
    expect(out['X-Other']).toEqual(['1']);
  });
});

describe('confirmAndOpenExternal', () => {
  it('opens an http(s) link only after the user confirms', async () => {
    const open = vi.fn(async () => undefined);
    expect(await confirmAndOpenExternal('https://a.example/', { confirm: async () => false, open })).toBe(false);
    expect(open).not.toHaveBeenCalled();
    expect(await confirmAndOpenExternal('https://a.example/', { confirm: async () => true, open })).toBe(true);
    expect(open).toHaveBeenCalledWith('https://a.example/');
  });

  it('never asks about, nor opens, a non-web URL', async () => {
    const confirm = vi.fn(async () => true);
    const open = vi.fn(async () => undefined);
    expect(await confirmAndOpenExternal('file:///C:/Windows/system32/calc.exe', { confirm, open })).toBe(false);
    expect(confirm).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('shows the full URL and defaults to Cancel', () => {
    const d = externalLinkDialog('https://a.example/x');
    expect(d.detail).toBe('https://a.example/x');
    expect(d.buttons[d.defaultId]).toBe('Cancel');
    expect(d.cancelId).toBe(d.defaultId);
  });
});
