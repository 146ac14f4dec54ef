// Bundles the command line into out/cli (main.js and the workers it starts: import worker.js,
// attachment inspectWorker.js), so
// `portdesk` starts as plain JavaScript instead of transpiling TypeScript at every run. Packages
// are bundled too (one file loads faster than zod's hundreds), except the native driver and the
// packages only PDF and workbook work loads, which stay external and lazy.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI_DIR = join(ROOT, 'out', 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'main.js');
const SOURCES = [join(ROOT, 'src', 'main'), join(ROOT, 'src', 'shared')];

/** Build out/cli. Returns an error message, or undefined on success. */
export async function buildCli() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return 'esbuild is not installed (a production-only install): the CLI runs from its TypeScript sources';
  }
  // Built beside out/cli, then swapped in: chunks of an older build (hashed names) do not pile
  // up, and a CLI starting meanwhile runs the old build, the new one or the sources, never half a build.
  const next = `${CLI_DIR}.next-${process.pid}`;
  try {
    await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: { main: 'src/main/cli/main.ts', worker: 'src/main/import/worker.ts', inspectWorker: 'src/main/documents/inspectWorker.ts' },
      outdir: next,
      bundle: true,
      minify: process.env.PORTDESK_CLI_MINIFY !== '0',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3', '@cantoo/pdf-lib', '@cantoo/fontkit', 'exceljs', 'electron', 'electron-updater'],
      // Bundled CommonJS packages (commander) call require for Node's modules.
      banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
      // Dynamic imports stay lazy chunks (exceljs loads only for workbooks, as under tsx).
      splitting: true,
      // Chunks sit beside main.js so that ./worker.js and ./inspectWorker.js resolve from any of them.
      chunkNames: '[name]-[hash]',
      logLevel: 'silent',
    });
    rmSync(CLI_DIR, { recursive: true, force: true });
    renameSync(next, CLI_DIR);
    return undefined;
  } catch (err) {
    rmSync(next, { recursive: true, force: true });
    return `the CLI build failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * True when out/cli exists and no source it is built from changed since (a few milliseconds: one
 * stat per file). A working copy edited after the build runs from sources until rebuilt.
 */
export function cliBuildIsCurrent() {
  if (!existsSync(CLI_ENTRY)) return false;
  const built = statSync(CLI_ENTRY).mtimeMs;
  return SOURCES.every((dir) => !existsSync(dir) || newestMtime(dir) <= built);
}
