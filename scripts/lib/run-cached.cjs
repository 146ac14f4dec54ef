// Runs a built CommonJS script with V8's code cache kept beside it (FILE.cache): compiling a
// bundle of a megabyte was a third of a start (bin/portdesk.cjs runs out/cli/main.cjs so, and
// out/cli/worker.js the import worker's bundle). Node 20 has no code cache for ES modules.
// The build copies this file into out/cli beside the bundles it runs.
// CommonJS itself, as bin/portdesk.cjs is (scripts/lib/cli-paths.cjs).
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

/**
 * Run `file` as CommonJS through its code cache. The cache is written when there was none or V8
 * rejected it (another Node): at `beforeExit` (`'exit'`: with every function the run compiled),
 * or at once (`'now'`: with the top level, for a worker thread, which is terminated rather than
 * left to exit). Never when the directory is read-only: an installed copy then simply starts without it.
 */
function runWithCodeCache(file, write) {
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // Read as latin1: the build writes ASCII only (build-cli.mjs checks), and a megabyte decoded
  // as UTF-8 took ~5 ms more of every start.
  const script = new Script(Module.wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
  const loaded = { exports: {} };
  script.runInThisContext()(loaded.exports, Module.createRequire(file), loaded, file, dirname(file));
  if (cachedData !== undefined && !script.cachedDataRejected) return;
  const keep = () => {
    try {
      const partial = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // Read-only install: nothing to keep.
    }
  };
  if (write === 'now') keep();
  else process.once('beforeExit', keep);
}

module.exports = { runWithCodeCache };
