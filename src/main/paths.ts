import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'PortDesk';

/**
 * The per-user data directory, the same one Electron's app.getPath('userData') gives, so the
 * desktop app, the headless host and the CLI share one database by default.
 */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** The database file: `--db` beats PORTDESK_DB beats the user-data directory. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, userDataDir = defaultUserDataDir()): string {
  return flag ?? env.PORTDESK_DB ?? join(userDataDir, 'portdesk.db');
}
