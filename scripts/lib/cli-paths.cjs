// Where the built command line is, and whether it is current: what bin/portdesk.cjs reads at
// every start. CommonJS, as the bin is: an ES module graph costs Node's module loader ~10 ms
// more to start than require, and a start of `portdesk` has ~0.3 s in all.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const CLI_DIR = join(ROOT, 'out', 'cli');
const CLI_ENTRY = join(CLI_DIR, 'main.cjs');
/** What the build was made from: each source file bundled (not packages) with its mtime. */
const STAMP = 'sources.json';
/**
 * The stamp's shape, raised when out/cli's layout changes: a build of another layout is not
 * current (one of format 1, a bare list, had worker.js run scripts/lib/run-cached.mjs, since gone).
 */
const STAMP_FORMAT = 2;
/** The code-cache runner, copied into out/cli with the bundles it runs (and stamped as a source). */
const RUNNER_SOURCE = 'scripts/lib/run-cached.cjs';
const RUNNER = 'run-cached.cjs';

/**
 * True when out/cli exists and none of the sources it was built from changed since (their mtimes
 * are those listed at build time). Run at every start of `portdesk`, so it reads one small file
 * and stats the ~300 bundled sources, rather than walking the source tree: a source added since
 * is imported by one that changed.
 */
function cliBuildIsCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(CLI_DIR, STAMP), 'utf8'));
  } catch {
    return false;
  }
  if (stamp?.format !== STAMP_FORMAT || !Array.isArray(stamp.sources)) return false;
  return stamp.sources.every(([path, mtime]) => Math.floor(statSync(join(ROOT, path), { throwIfNoEntry: false })?.mtimeMs ?? -1) === mtime);
}

module.exports = { ROOT, CLI_DIR, CLI_ENTRY, STAMP, STAMP_FORMAT, RUNNER, RUNNER_SOURCE, cliBuildIsCurrent };
