// `npm run build:cli`: bundle the command line into out/cli (see scripts/lib/build-cli.mjs). As
// part of `npm install` (--postinstall) a failure only warns: bin/portdesk.cjs then runs the
// TypeScript sources.
import { buildCli } from './lib/build-cli.mjs';

const error = await buildCli();
if (error && process.argv.includes('--postinstall')) console.warn(`portdesk: ${error}`);
else if (error) {
  console.error(`portdesk: ${error}`);
  process.exit(1);
}
