/** Capped exponential backoff with full jitter, honouring a server's Retry-After. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 5 * 60_000 };

/**
 * Delay before retry number `attempt` (1 = first retry): a random point in
 * [ceiling/2, ceiling] where ceiling = min(cap, base * 2^(attempt-1)). Half the ceiling is kept
 * so retries never bunch at zero; the random half spreads clients that failed together.
 * A Retry-After from the server is a floor.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs?: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
