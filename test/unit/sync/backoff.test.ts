import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/main/sync/backoff';
import { kindOfStatus, parseRetryAfter } from '../../../src/main/sync/errors';

describe('backoff', () => {
  const policy = { baseMs: 100, capMs: 1000 };
  it('grows exponentially within [ceiling/2, ceiling] and is capped', () => {
    expect(backoffDelay(1, policy, undefined, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, undefined, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, undefined, () => 1)).toBe(400);
    expect(backoffDelay(10, policy, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(1000, policy, undefined, () => 0.5)).toBe(750);
  });
  it('spreads retries with jitter', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4, policy, undefined, random)));
    expect(delays.size).toBeGreaterThan(10);
  });
  it('never retries sooner than Retry-After', () => {
    expect(backoffDelay(1, policy, 5000, () => 0)).toBe(5000);
  });
});

describe('error classification', () => {
  it('sorts statuses into retry, pause, block', () => {
    expect(kindOfStatus(500)).toBe('transient');
    expect(kindOfStatus(503)).toBe('transient');
    expect(kindOfStatus(429)).toBe('transient');
    expect(kindOfStatus(408)).toBe('transient');
    expect(kindOfStatus(401)).toBe('auth');
    expect(kindOfStatus(404)).toBe('not_found');
    expect(kindOfStatus(402)).toBe('permanent');
    expect(kindOfStatus(422)).toBe('permanent');
    expect(kindOfStatus(400)).toBe('permanent');
  });
  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
