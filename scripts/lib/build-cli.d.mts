export const ROOT: string;
export const CLI_DIR: string;
export const CLI_ENTRY: string;
/** Build out/cli. Returns an error message, or undefined on success. */
export function buildCli(): Promise<string | undefined>;
/** True when out/cli exists and no source it is built from changed since. */
export function cliBuildIsCurrent(): boolean;
