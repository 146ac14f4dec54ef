export const ROOT: string;
export const CLI_DIR: string;
export const CLI_ENTRY: string;
export const STAMP: string;
export const STAMP_FORMAT: number;
export const RUNNER: string;
export const RUNNER_SOURCE: string;
/** True when out/cli exists and no source it is built from changed since. */
export function cliBuildIsCurrent(): boolean;
