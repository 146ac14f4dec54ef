// Bundles the command line into out/cli (main.cjs and the workers it starts: the import worker,
// import-worker.cjs started through worker.js, and attachment inspectWorker.js), so `portdesk` starts as plain JavaScript instead of transpiling
// TypeScript at every run. Packages are bundled too (one file loads faster than zod's hundreds),
// except the native driver and the packages only PDF work loads, which stay external and lazy.
// main.cjs and import-worker.cjs are CommonJS scripts so that they run with V8's code cache
// (scripts/lib/run-cached.cjs; Node 20 has none for ES modules).
import { copyFileSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CLI_DIR, ROOT, RUNNER, RUNNER_SOURCE, STAMP, STAMP_FORMAT } from './cli-paths.cjs';

export { CLI_DIR, CLI_ENTRY, cliBuildIsCurrent, ROOT } from './cli-paths.cjs';

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
    const common = {
      absWorkingDir: ROOT,
      outdir: next,
      bundle: true,
      minify: process.env.PORTDESK_CLI_MINIFY !== '0',
      platform: 'node',
      target: 'node20',
      external: ['better-sqlite3', '@cantoo/pdf-lib', '@cantoo/fontkit', 'exceljs', 'electron', 'electron-updater'],
      logLevel: 'silent',
      // Escaped, not written as UTF-8: see the check below.
      charset: 'ascii',
      metafile: true,
    };
    // Scripts run through a code cache (scripts/lib/run-cached.cjs): the command line, and the
    // import worker, whose thread compiled its 700 KB before reading a row.
    const cached = await esbuild.build({
      ...common,
      entryPoints: { main: 'src/main/cli/main.ts', 'import-worker': 'src/main/import/worker.ts' },
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      // The workers beside it are found from the module's URL (runWorker.ts, documents/index.ts).
      define: { 'import.meta.url': '__cliUrl' },
      banner: { js: "const __cliUrl = require('node:url').pathToFileURL(__filename).href;" },
      // import() needs a loader hook a vm.Script lacks: lazy parts are bundled (compiled only when
      // called: the database code only to commit, the workbook reader only for workbooks),
      // external packages required.
      supported: { 'dynamic-import': false },
    });
    // run-cached.cjs reads these as latin1, which is only right for ASCII. esbuild escapes every
    // other character in code; comments, kept only unminified (to profile), may hold any, which
    // latin1 then merely garbles.
    for (const name of common.minify ? ['main.cjs', 'import-worker.cjs'] : []) {
      const at = readFileSync(join(next, name)).findIndex((byte) => byte > 0x7f);
      if (at >= 0) throw new Error(`${name} is not ASCII (byte ${at}); esbuild's charset must stay 'ascii'`);
    }
    // The runner goes with the bundles (out/cli needs nothing of scripts/ to run); the import
    // worker's thread starts worker.js, which runs its bundle through it.
    copyFileSync(join(ROOT, RUNNER_SOURCE), join(next, RUNNER));
    writeFileSync(
      join(next, 'worker.js'),
      `import { fileURLToPath } from 'node:url';\nimport { runWithCodeCache } from './${RUNNER}';\nrunWithCodeCache(fileURLToPath(new URL('./import-worker.cjs', import.meta.url)), 'now');\n`,
    );
    const workers = await esbuild.build({
      ...common,
      entryPoints: { inspectWorker: 'src/main/documents/inspectWorker.ts' },
      format: 'esm',
      // Bundled CommonJS packages call require for Node's modules.
      banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
    });
    const metafile = { inputs: { ...cached.metafile.inputs, ...workers.metafile.inputs } };
    const sources = Object.keys(metafile.inputs).filter((path) => !path.includes('node_modules/'));
    sources.push(RUNNER_SOURCE);
    const stamp = { format: STAMP_FORMAT, sources: sources.map((path) => [path, mtimes.get(path) ?? Math.floor(statSync(join(ROOT, path)).mtimeMs)]) };
    writeFileSync(join(next, STAMP), JSON.stringify(stamp));
    rmSync(CLI_DIR, { recursive: true, force: true });
    renameSync(next, CLI_DIR);
    return undefined;
  } catch (err) {
    rmSync(next, { recursive: true, force: true });
    return `the CLI build failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Every file's mtime (whole milliseconds, as tools set them back) below `dir`, by its path relative to ROOT (as esbuild's metafile names inputs). */
function sourceMtimes(dir, into = new Map()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceMtimes(path, into);
    else into.set(relative(ROOT, path).split(sep).join('/'), Math.floor(statSync(path).mtimeMs));
  }
  return into;
}
