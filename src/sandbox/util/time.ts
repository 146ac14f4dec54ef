/** Seconds between 0000-01-01 (Gregorian, as Erlang counts) and the Unix epoch. */
export const GREGORIAN_OFFSET = 62_167_219_200;

/** Kazoo timestamps are Gregorian seconds. */
export function toGregorian(ms: number): number {
  return Math.floor(ms / 1000) + GREGORIAN_OFFSET;
}

/** Inverse of {@link toGregorian}. */
export function fromGregorian(seconds: number): number {
  return (seconds - GREGORIAN_OFFSET) * 1000;
}

/**
 * The sandbox's notion of "now". Tests shift it (e.g. to expire a download link) without
 * waiting; the offset is kept in memory only.
 */
export interface ServerClock {
  now(): number;
  advance(ms: number): void;
}

/** A clock that follows `base` (default Date.now) plus an adjustable offset. */
export function createServerClock(base: () => number = Date.now): ServerClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}
