import { once } from 'node:events';
import { runCli } from './program';

// No top-level await: the build is a CommonJS script (scripts/lib/build-cli.mjs).
void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // `once` rejects when the stream fails instead (a closed pipe), so a wait never hangs.
  drain: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : Promise.resolve()),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
