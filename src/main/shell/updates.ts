/**
 * Auto-update hook (electron-updater, generic provider). Inert unless a feed URL is configured:
 * PORTDESK_UPDATE_URL in the environment, or the update feed URL from the app's settings. IT
 * departments that distribute PortDesk themselves leave both unset and nothing ever contacts a
 * server. electron-updater is loaded only when enabled, so an inert build never imports it.
 */

export type UpdateDecision = { enabled: true; feedUrl: string } | { enabled: false; reason: string };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Decides whether updates are on and from where. Pure; the caller passes env and settings. */
export function updateDecision(input: {
  env: Record<string, string | undefined>;
  configFeedUrl?: string | null | undefined;
  isPackaged: boolean;
}): UpdateDecision {
  const raw = input.env.PORTDESK_UPDATE_URL?.trim() || input.configFeedUrl?.trim() || '';
  if (!raw) return { enabled: false, reason: 'no update feed configured (set PORTDESK_UPDATE_URL or the update feed setting)' };
  if (!input.isPackaged) return { enabled: false, reason: 'updates apply to packaged builds only' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { enabled: false, reason: `update feed URL is not a URL: ${raw}` };
  }
  // Plain http only to a local test server: an update over http could be swapped in transit.
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  if (!ok) return { enabled: false, reason: `update feed must be https: ${url.href}` };
  if (url.username || url.password) return { enabled: false, reason: 'update feed URL must not embed credentials' };
  return { enabled: true, feedUrl: url.href };
}

/** The electron-updater members used here (`autoUpdater` satisfies it). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

export interface UpdateLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** How often a running app looks for a new version. */
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * Wires electron-updater when the decision says so: downloads in the background and installs
 * on the next quit (never restarts the app under a specialist's hands). Returns a stop function;
 * when disabled, logs why and does nothing else.
 */
export async function startAutoUpdates(
  decision: UpdateDecision,
  loadUpdater: () => Promise<UpdaterLike>,
  log: UpdateLog,
  timers: { setInterval: typeof setInterval; clearInterval: typeof clearInterval } = globalThis,
): Promise<() => void> {
  if (!decision.enabled) {
    log.info('auto-update off', { reason: decision.reason });
    return () => undefined;
  }
  const updater = await loadUpdater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: decision.feedUrl });
  updater.on('error', (err) => log.warn('update check failed', { error: err.message }));
  updater.on('update-downloaded', (info) => log.info('update downloaded; installs on quit', { version: info.version }));
  const check = () => {
    updater.checkForUpdates().catch((err: unknown) => log.warn('update check failed', { error: String(err) }));
  };
  log.info('auto-update on', { feedUrl: decision.feedUrl });
  check();
  const handle = timers.setInterval(check, CHECK_INTERVAL_MS);
  if (typeof handle === 'object' && handle !== null && 'unref' in handle) handle.unref();
  return () => timers.clearInterval(handle);
}
