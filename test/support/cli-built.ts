import { buildCli, cliBuildIsCurrent } from '../../scripts/lib/build-cli.mjs';

/**
 * Build out/cli when its sources changed: stale, bin/portdesk.cjs runs the TypeScript sources
 * instead, so a test or bench of the installed command would measure the fallback.
 */
export async function ensureCliBuilt(): Promise<void> {
  if (cliBuildIsCurrent()) return;
  const error = await buildCli();
  if (error) throw new Error(error);
}
