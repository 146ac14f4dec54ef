export { ROOT, CLI_DIR, CLI_ENTRY, cliBuildIsCurrent } from './cli-paths.cjs';
/** Build out/cli. Returns an error message, or undefined on success. */
export function buildCli(): Promise<string | undefined>;
