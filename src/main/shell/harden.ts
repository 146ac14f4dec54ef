import { isSafeExternalUrl, isTrustedSender, type AppOrigin } from './origin';
import { withCspHeader, type ResponseHeaders } from './csp';

/*
 * Electron glue for the security checklist. The Electron objects are described structurally
 * (only the members used here) so tests drive the real handlers with fakes.
 */

export interface PreventableEvent {
  preventDefault(): void;
  /** Electron >= 28 puts the target URL on the event; older signatures pass it second. */
  url?: string;
}

type NavListener = (event: PreventableEvent, url?: string) => void;

export interface HardenableWebContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: NavListener): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface HardenOptions {
  appOrigin: AppOrigin;
  /**
   * Called with an http(s) URL the renderer tried to open or navigate to. The entry asks the
   * user (see {@link externalLinkDialog}) and only then calls shell.openExternal.
   */
  offerExternal: (url: string) => void;
}

/**
 * Denies every new window, blocks navigation and redirects that leave the app origin (offering
 * http(s) targets to the OS browser instead) and refuses <webview> attachment.
 */
export function hardenWebContents(contents: HardenableWebContents, opts: HardenOptions): void {
  const offerIfSafe = (url: string) => {
    if (isSafeExternalUrl(url)) opts.offerExternal(url);
  };

  contents.setWindowOpenHandler(({ url }) => {
    offerIfSafe(url);
    return { action: 'deny' };
  });

  const guard = (offer: boolean): NavListener => (event, legacyUrl) => {
    const url = event.url ?? legacyUrl ?? '';
    if (isTrustedSender(url, opts.appOrigin)) return;
    event.preventDefault();
    if (offer) offerIfSafe(url);
  };
  // A clicked link without target=_blank arrives as will-navigate: offer it like window.open.
  contents.on('will-navigate', guard(true));
  contents.on('will-frame-navigate', guard(false));
  contents.on('will-redirect', guard(false));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Permissions the app's own pages may use; everything else (camera, geolocation, ...) is denied. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

interface PermissionDetails {
  requestingUrl?: string;
  requestingOrigin?: string;
}

export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetails) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string, details: PermissionDetails) => boolean,
  ): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: ResponseHeaders },
        callback: (response: { responseHeaders: ResponseHeaders }) => void,
      ) => void,
    ): void;
  };
}

/** Pure permission decision: deny unless allow-listed and asked for by an app page. */
export function permissionAllowed(permission: string, requestingUrl: string | undefined, appOrigin: AppOrigin): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && isTrustedSender(requestingUrl, appOrigin);
}

/**
 * Session-wide defences: permission requests and checks denied by default, and the CSP added to
 * every HTTP response (the dev server; `file:` pages carry the same policy in a meta tag because
 * no response headers exist for them).
 */
export function hardenSession(session: HardenableSession, opts: { appOrigin: AppOrigin; csp: string }): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, opts.appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? requestingOrigin, opts.appOrigin),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, opts.csp) });
  });
}

/** Options for the confirmation shown before a link leaves for the OS browser (dialog.showMessageBox). */
export function externalLinkDialog(url: string): {
  type: 'question';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  title: string;
  message: string;
  detail: string;
  noLink: true;
} {
  return {
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Open link',
    message: 'Open this link in your web browser?',
    detail: url,
    noLink: true,
  };
}

/**
 * The whole "open externally" flow: re-checks the URL (it came from the renderer), asks, and
 * opens only on an explicit yes. Resolves true when the link was opened.
 */
export async function confirmAndOpenExternal(
  url: string,
  deps: { confirm: (url: string) => Promise<boolean>; open: (url: string) => Promise<void> },
): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  if (!(await deps.confirm(url))) return false;
  await deps.open(url);
  return true;
}
