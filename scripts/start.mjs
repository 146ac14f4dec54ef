// `npm start`: make sure Electron and its build of better-sqlite3 are there, then launch the
// desktop app through electron-vite. Anything missing is explained in one line.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, buildElectronBinding } from './lib/electron-native.mjs';

function fail(message) {
  console.error(`PortDesk cannot start: ${message}`);
  process.exit(1);
}

function electronBinaryPresent() {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  return existsSync(pathFile) && existsSync(join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8')));
}

if (!electronBinaryPresent()) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    fail("Electron's binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set); unset it and run `npm start` again, or use `npm run host` to open PortDesk in a browser.");
  }
  const installer = join(ROOT, 'node_modules', 'electron', 'install.js');
  console.log('Downloading Electron (first start only)...');
  // The installer's own output is a stack trace when offline; our one line says what to do.
  if (spawnSync(process.execPath, [installer], { stdio: 'pipe' }).status !== 0 || !electronBinaryPresent()) {
    fail("Electron's binary could not be downloaded (no network?); use `npm run host` to open PortDesk in a browser.");
  }
}
const error = buildElectronBinding();
if (error) fail(`${error}; use \`npm run host\` to open PortDesk in a browser.`);

const bin = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const result = spawnSync(process.execPath, [bin, 'preview', ...process.argv.slice(2)], { stdio: 'inherit', cwd: ROOT });
process.exit(result.status ?? 1);
