import { join } from 'node:path';
import { buildCli, cliBuildIsCurrent, ROOT } from '../../scripts/lib/build-cli.mjs';

/** The command line as installed: bin/portdesk.cjs, running the built out/cli when it is current. */
export const BIN = join(ROOT, 'bin', 'portdesk.cjs');

/**
 * Build out/cli when its sources changed: stale, bin/portdesk.cjs runs the TypeScript sources
 * instead, so a test or bench of the installed command would measure the fallback.
 */
export async function ensureCliBuilt(): Promise<void> {
  if (cliBuildIsCurrent()) return;
  const error = await buildCli();
  if (error) throw new Error(error);
}
