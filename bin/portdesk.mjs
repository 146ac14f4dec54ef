#!/usr/bin/env node
// The command line. `npm install` builds it into out/cli (plain JavaScript, starts at once); a
// working copy whose sources changed since that build runs the TypeScript sources through tsx
// instead (slower to start), until `npm run build:cli`.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { CLI_ENTRY, cliBuildIsCurrent } from '../scripts/lib/build-cli.mjs';

/**
 * Run the built CLI (one CommonJS script) with V8's code cache, kept beside it: compiling its
 * megabyte of JavaScript was a third of every start. The cache is written after the first run
 * (with the functions that run compiled), again when V8 rejects it (another Node), and never
 * when out/cli is read-only (an installed copy then simply starts without it).
 */
function runBuilt(file) {
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('beforeExit', () => {
      try {
        const partial = `${cacheFile}.${process.pid}`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // Read-only install: nothing to keep.
      }
    });
  }
}

if (process.env.PORTDESK_CLI_FROM_SOURCE !== '1' && cliBuildIsCurrent()) {
  runBuilt(CLI_ENTRY);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli/main.ts');
}
