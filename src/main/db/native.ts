import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron build of better-sqlite3 lives. Node and Electron need different builds of
 * the native module (different ABIs), so `npm install` keeps the Node build in node_modules and
 * scripts/electron-native.mjs puts an Electron build here; the app passes it as `nativeBinding`.
 */
export const ELECTRON_BINDING_DEV_PATH = join('node_modules', '.portdesk-native', 'electron', 'better_sqlite3.node');

/**
 * The `nativeBinding` option for better-sqlite3 in the current runtime: undefined under Node (the
 * package's own build), the Electron build under Electron (packaged in resources/native).
 */
export function nativeBindingPath(appRoot: string = process.cwd()): string | undefined {
  if (!process.versions.electron) return undefined;
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const candidates = [
    resourcesPath ? join(resourcesPath, 'native', 'better_sqlite3.node') : undefined,
    join(appRoot, ELECTRON_BINDING_DEV_PATH),
  ];
  return candidates.find((p): p is string => p !== undefined && existsSync(p));
}
