#!/usr/bin/env node
// The command line. `npm install` builds it into out/cli (plain JavaScript, starts at once); a
// working copy whose sources changed since that build runs the TypeScript sources through tsx
// instead (slower to start), until `npm run build:cli`.
import { CLI_ENTRY, cliBuildIsCurrent } from '../scripts/lib/build-cli.mjs';
import { runWithCodeCache } from '../scripts/lib/run-cached.mjs';

if (process.env.PORTDESK_CLI_FROM_SOURCE !== '1' && cliBuildIsCurrent()) {
  // Loaded only when it may be an import: every other command starts without it.
  if (process.argv.includes('import')) (await import('../scripts/lib/early-import-worker.mjs')).startImportWorkerEarly(process.argv.slice(2));
  runWithCodeCache(CLI_ENTRY, 'exit');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli/main.ts');
}
