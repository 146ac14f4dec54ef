#!/usr/bin/env node
// The command line. `npm install` builds it into out/cli (plain JavaScript, starts at once); a
// working copy whose sources changed since that build runs the TypeScript sources through tsx
// instead (slower to start), until `npm run build:cli`. CommonJS: Node starts an ES module
// graph ~10 ms slower, of a start of ~0.3 s (scripts/lib/cli-paths.cjs).
'use strict';
const { join } = require('node:path');
const { CLI_DIR, CLI_ENTRY, RUNNER, cliBuildIsCurrent } = require('../scripts/lib/cli-paths.cjs');

if (process.env.PORTDESK_CLI_FROM_SOURCE !== '1' && cliBuildIsCurrent()) {
  // Loaded only when it may be an import: every other command starts without it.
  if (process.argv.includes('import')) require('../scripts/lib/early-import-worker.cjs').startImportWorkerEarly(process.argv.slice(2));
  require(join(CLI_DIR, RUNNER)).runWithCodeCache(CLI_ENTRY, 'exit');
} else {
  (async () => {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../src/main/cli/main.ts');
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
