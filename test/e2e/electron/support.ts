import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { ROOT } from '../support/host';

export const NO_ELECTRON = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): the desktop shell cannot launch here';
export const NO_NATIVE = 'Electron build of better-sqlite3 missing (node_modules/.portdesk-native/electron/better_sqlite3.node): run scripts/electron-native.mjs';

/**
 * Why the desktop shell cannot launch on this machine, or null when it can. The electron package
 * installs without its binary under ELECTRON_SKIP_BINARY_DOWNLOAD: path.txt (written by its
 * download step) or the dist folder is then missing. The app also needs its own Electron build of
 * better-sqlite3, since the Node build in node_modules has the wrong ABI for Electron.
 */
export function electronUnavailable(): string | null {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile) || !existsSync(join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim()))) return NO_ELECTRON;
  if (!existsSync(join(ROOT, 'node_modules', '.portdesk-native', 'electron', 'better_sqlite3.node'))) return NO_NATIVE;
  return null;
}

/** Launch the built app (out/main) on `dbPath` and wait for its window. */
export async function launchApp(dbPath: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await _electron.launch({ args: [join(ROOT, 'out', 'main', 'index.js')], cwd: ROOT, env: { ...process.env, PORTDESK_DB: dbPath } });
  const page = await app.firstWindow();
  return { app, page };
}

/** Create a port through the New port dialog; resolves once its detail panel is open. */
export async function createPortInUi(page: Page, name: string, numbers: string): Promise<void> {
  await page.getByRole('button', { name: 'New port' }).click();
  const dialog = page.getByRole('dialog', { name: 'New port request' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Numbers (optional)').fill(numbers);
  await dialog.getByRole('button', { name: 'Create port' }).click();
  await dialog.waitFor({ state: 'hidden' });
}
