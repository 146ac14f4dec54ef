// Bundles the command line into out/cli (main.js and the workers it starts: import worker.js,
// attachment inspectWorker.js), so
// `portdesk` starts as plain JavaScript instead of transpiling TypeScript at every run. Packages
// are bundled too (one file loads faster than zod's hundreds), except the native driver and the
// packages only PDF and workbook work loads, which stay external and lazy.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI_DIR = join(ROOT, 'out', 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'main.js');
/** What the build was made from: each source file bundled (not packages) with its mtime. */
const STAMP = 'sources.json';

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
  // Taken before bundling: a file saved during the build then reads as changed.
  const mtimes = sourceMtimes(join(ROOT, 'src'));
  try {
    const { metafile } = await esbuild.build({
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
      metafile: true,
    });
    const sources = Object.keys(metafile.inputs).filter((path) => !path.includes('node_modules/'));
    writeFileSync(join(next, STAMP), JSON.stringify(sources.map((path) => [path, mtimes.get(path) ?? statSync(join(ROOT, path)).mtimeMs])));
    rmSync(CLI_DIR, { recursive: true, force: true });
    renameSync(next, CLI_DIR);
    return undefined;
  } catch (err) {
    rmSync(next, { recursive: true, force: true });
    return `the CLI build failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Every file's mtime below `dir`, by its path relative to ROOT (as esbuild's metafile names inputs). */
function sourceMtimes(dir, into = new Map()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceMtimes(path, into);
    else into.set(relative(ROOT, path).split(sep).join('/'), statSync(path).mtimeMs);
  }
  return into;
}

/**
 * True when out/cli exists and none of the sources it was built from changed since (their mtimes
 * are those listed at build time). Run at every start of `portdesk`, so it reads one small file
 * and stats the ~300 bundled sources, rather than walking the source tree: a source added since
 * is imported by one that changed.
 */
export function cliBuildIsCurrent() {
  let sources;
  try {
    sources = JSON.parse(readFileSync(join(CLI_DIR, STAMP), 'utf8'));
  } catch {
    return false;
  }
  return sources.every(([path, mtime]) => statSync(join(ROOT, path), { throwIfNoEntry: false })?.mtimeMs === mtime);
}
