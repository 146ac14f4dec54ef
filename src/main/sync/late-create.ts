import { SETTLING_MESSAGE } from '../../shared/domain/lateCreates';
import { RemoteError } from './errors';

/**
 * How long after the client's own timeout a create sent without an answer is still taken to be
 * able to land. A request can outlive the client that gave up on it: held in a proxy or a
 * load balancer's queue, or read by a server slower than the client's patience. Kazoo's API
 * server closes a connection with nothing moving after 120 s (cowboy `idle_timeout`,
 * crossbar_init.erl); nginx's proxy timeouts default to 60 s. Two minutes past the client's
 * timeout covers both (docs/sync.md "Late creates").
 */
export const LATE_CREATE_MARGIN_MS = 120_000;

/**
 * A create was sent and no answer came back, and the lookup does not find it yet: it may still
 * land, so no second one goes before `settlesAt` (the lookup goes on meanwhile).
 */
export class CreateSettling extends RemoteError {
  constructor(readonly settlesAt: number) {
    super({ kind: 'transient', status: 0, message: SETTLING_MESSAGE });
    this.name = 'CreateSettling';
  }
}

/**
 * Whether a failed create may have reached the server and still be worked on: no answer at all
 * (timeout, reset, lost answer), or a gateway's 502/504 (the gateway gave up, the server may not
 * have). Any other status is the server's own answer: nothing of that request is still on its way.
 */
export function mayStillLand(err: unknown): boolean {
  if (!(err instanceof RemoteError)) return true;
  return err.status === 0 || err.status === 502 || err.status === 504;
}
