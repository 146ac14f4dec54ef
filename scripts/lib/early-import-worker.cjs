// Starts the import worker's thread before the command line's bundle loads, for `portdesk
// import`: loading main.cjs takes about a quarter of a second, and the thread loads its own
// code meanwhile on the other core instead of after it (runWorker.ts adopts it as the thread
// started ahead of the import). CommonJS, as bin/portdesk.cjs is (scripts/lib/cli-paths.cjs).
'use strict';
const { join } = require('node:path');
const { Worker } = require('node:worker_threads');
const { CLI_DIR } = require('./cli-paths.cjs');

/** The import worker's heap limit: IMPORT_WORKER_HEAP_MB of src/main/import/limits.ts (a test keeps them equal; a thread of another limit is not adopted). */
const EARLY_IMPORT_WORKER_HEAP_MB = 512;

/** Where the thread waits for runWorker.ts: a global, as the bundle is a module graph of its own. */
const EARLY_IMPORT_WORKER = Symbol.for('portdesk.cli.earlyImportWorker');

/** The command a `portdesk` command line runs: its first word that is not a global option (--db FILE, --json) or its value. */
function commandOf(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--db') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** Start the import worker's thread when the command line is an import; it keeps no process alive until adopted. */
function startImportWorkerEarly(args) {
  if (commandOf(args) !== 'import') return;
  const worker = new Worker(join(CLI_DIR, 'worker.js'), { workerData: null, resourceLimits: { maxOldGenerationSizeMb: EARLY_IMPORT_WORKER_HEAP_MB } });
  const held = { worker, heapMb: EARLY_IMPORT_WORKER_HEAP_MB, dead: false, onEnd: () => (held.dead = true) };
  worker.on('error', held.onEnd);
  worker.on('exit', held.onEnd);
  worker.unref();
  globalThis[EARLY_IMPORT_WORKER] = held;
}

module.exports = { EARLY_IMPORT_WORKER_HEAP_MB, EARLY_IMPORT_WORKER, commandOf, startImportWorkerEarly };
