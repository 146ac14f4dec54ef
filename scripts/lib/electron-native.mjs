// Builds better-sqlite3 a second time, for Electron's ABI, next to the Node build that npm
// installed. Tests, the CLI and the headless host load the Node build; the Electron main process
// loads this one through better-sqlite3's `nativeBinding` option (src/main/db/native.ts).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';

const require = createRequire(import.meta.url);

export const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');
export const TARGET_DIR = join(ROOT, 'node_modules', '.portdesk-native', 'electron');
export const TARGET = join(TARGET_DIR, 'better_sqlite3.node');
const STAMP = join(TARGET_DIR, 'stamp.json');

function versions() {
  const electron = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const sqlite = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
  return { electron, sqlite, arch: process.arch, platform: process.platform };
}

/** True when the Electron build exists and matches the installed Electron and better-sqlite3. */
export function electronBindingIsCurrent() {
  if (!existsSync(TARGET) || !existsSync(STAMP)) return false;
  return JSON.stringify(JSON.parse(readFileSync(STAMP, 'utf8'))) === JSON.stringify(versions());
}

function run(cmd, args, cwd) {
  return spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: process.env }).status === 0;
}

/**
 * Build (or download the prebuilt) better-sqlite3 for the installed Electron. Returns an error
 * message, or undefined on success.
 */
export function buildElectronBinding() {
  if (electronBindingIsCurrent()) return undefined;
  const v = versions();
  const work = join(ROOT, 'node_modules', '.portdesk-native', 'work');
  rmSync(work, { recursive: true, force: true });
  const source = join(ROOT, 'node_modules', 'better-sqlite3');
  cpSync(source, work, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) });
  const prebuild = require.resolve('prebuild-install/bin.js', { paths: [source] });
  const common = [`--runtime=electron`, `--target=${v.electron}`, `--arch=${v.arch}`, `--platform=${v.platform}`];
  const ok =
    run(process.execPath, [prebuild, ...common], work) ||
    run(process.execPath, [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers'], work);
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !existsSync(built)) {
    rmSync(work, { recursive: true, force: true });
    return `could not build better-sqlite3 for Electron ${v.electron} (no network, or no C++ toolchain)`;
  }
  mkdirSync(TARGET_DIR, { recursive: true });
  copyFileSync(built, TARGET);
  writeFileSync(STAMP, JSON.stringify(v));
  rmSync(work, { recursive: true, force: true });
  return undefined;
}
