import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../../src/main/sync/errors';
import { PullGets } from '../../../src/main/sync/pull-gets';

const fast = { baseMs: 1, capMs: 4 };
const fail = (status: number, kind: RemoteError['kind'], retryAfterMs?: number): RemoteError =>
  new RemoteError({ kind, status, message: `HTTP ${status}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

/** A call answering the given failures in turn, then `ok`; counts its calls. */
function scripted(failures: RemoteError[]): { call: () => Promise<string>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    call: async () => {
      calls.push(Date.now());
      const next = failures.shift();
      if (next) throw next;
      return 'ok';
    },
  };
}

describe('PullGets', () => {
  it('retries a transient failure (503, 429, a reset) until it answers', async () => {
    const s = scripted([fail(503, 'transient'), fail(429, 'transient', 0), fail(0, 'transient')]);
    await expect(new PullGets(fast).get(s.call)).resolves.toBe('ok');
    expect(s.calls).toHaveLength(4);
  });

  it('gives up after four tries with the last failure', async () => {
    const s = scripted([fail(503, 'transient'), fail(503, 'transient'), fail(503, 'transient'), fail(502, 'transient'), fail(503, 'transient')]);
    await expect(new PullGets(fast).get(s.call)).rejects.toMatchObject({ status: 502 });
    expect(s.calls).toHaveLength(4);
  });

  it('passes 401, 404 and a permanent refusal through at once', async () => {
    for (const err of [fail(401, 'auth'), fail(404, 'not_found'), fail(422, 'permanent')]) {
      const s = scripted([err]);
      await expect(new PullGets(fast).get(s.call)).rejects.toBe(err);
      expect(s.calls).toHaveLength(1);
    }
  });

  it("waits out a 429's Retry-After, and holds every other GET of the pull until then", async () => {
    const gets = new PullGets(fast);
    const limited = scripted([fail(429, 'transient', 300)]);
    const first = gets.get(limited.call);
    await new Promise((r) => setTimeout(r, 20));
    const other = scripted([]);
    const started = Date.now();
    await Promise.all([first, gets.get(other.call)]);
    expect((limited.calls[1] ?? 0) - (limited.calls[0] ?? 0)).toBeGreaterThanOrEqual(290);
    expect((other.calls[0] ?? 0) - started).toBeGreaterThanOrEqual(250);
  });
});
