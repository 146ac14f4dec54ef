import { backoffDelay, type BackoffPolicy } from './backoff';
import { RemoteError } from './errors';

/** Tries of one GET before its failure fails the pull (the run's own backoff takes over then). */
const MAX_TRIES = 4;
/**
 * Shorter than the outbox's backoff: three retries wait about 0.9 to 1.75 s in all (a Retry-After
 * aside), so a server down for good fails the pull within seconds, as before, and says why.
 */
export const PULL_GET_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 5_000 };

/**
 * The per-request GETs of one pull (Telnyx's documents and comments, rejection reasons, unlisted
 * ports by id) and a Telnyx listing's pages: thousands on a large first pull, where one 503 or 429
 * among them used to fail the whole pull, and the next pull's thousands again. A transient failure is retried here after the
 * usual jittered backoff (a Retry-After is its floor); a 429's Retry-After also holds every other
 * GET of the pull until then, as the server asked. Anything else (401, 404, a refused shape)
 * goes to the caller at once, as does a GET still failing after {@link MAX_TRIES}. GETs only:
 * nothing that writes is ever resent here.
 */
export class PullGets {
  /** No GET leaves before this time (a 429's Retry-After). */
  private resumeAt = 0;

  constructor(
    private readonly policy: BackoffPolicy = PULL_GET_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(call: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries += 1) {
      await sleep(this.resumeAt - this.now());
      try {
        return await call();
      } catch (err) {
        if (!(err instanceof RemoteError) || err.kind !== 'transient' || tries >= MAX_TRIES) throw err;
        const delay = backoffDelay(tries, this.policy, err.retryAfterMs);
        if (err.status === 429) this.resumeAt = Math.max(this.resumeAt, this.now() + (err.retryAfterMs ?? 0));
        await sleep(delay);
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
