/**
 * Pure URL checks behind every security decision of the shell: which frames may talk to the
 * main process, where the window may navigate, and which links may leave for the OS browser.
 * Kept free of Electron so each rule is unit-tested.
 */

/**
 * Where the renderer is served from. In production a `file:` URL of the renderer directory
 * (ending in `/`); in development the dev server's URL (electron-vite's ELECTRON_RENDERER_URL).
 */
export type AppOrigin = string;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The app origin for this launch: the dev server URL when electron-vite provides one, otherwise
 * the directory holding the built renderer's index.html as a `file:` URL.
 */
export function appOriginFor(opts: { devServerUrl?: string | undefined; rendererDirUrl: string }): AppOrigin {
  if (opts.devServerUrl) {
    const dev = parse(opts.devServerUrl);
    if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:')) return dev.origin;
  }
  const dir = parse(opts.rendererDirUrl);
  if (!dir || dir.protocol !== 'file:') throw new Error(`renderer directory must be a file: URL, got ${opts.rendererDirUrl}`);
  return dir.pathname.endsWith('/') ? dir.href : `${dir.href}/`;
}

/**
 * True when a frame URL belongs to the app: same scheme/host/port as a dev-server origin, or a
 * `file:` URL inside the renderer directory. URL parsing resolves `..` and `%2e%2e` segments
 * first, so a path cannot climb out of the directory; `about:blank`, `data:` and other schemes
 * are never trusted.
 */
export function isTrustedSender(frameUrl: string | null | undefined, appOrigin: AppOrigin): boolean {
  if (!frameUrl) return false;
  const frame = parse(frameUrl);
  const app = parse(appOrigin);
  if (!frame || !app) return false;
  if (app.protocol === 'file:') {
    if (frame.protocol !== 'file:' || frame.host !== app.host) return false;
    const root = app.pathname.endsWith('/') ? app.pathname : `${app.pathname}/`;
    return frame.pathname.startsWith(root);
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return frame.origin === app.origin;
}

/**
 * True for a URL the OS browser may open: absolute http(s) with a host and no embedded
 * credentials. Everything else (file:, javascript:, custom protocol handlers, smb:) is refused
 * because `shell.openExternal` would hand it to whatever program claims the scheme.
 */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (!u.hostname) return false;
  return u.username === '' && u.password === '';
}
