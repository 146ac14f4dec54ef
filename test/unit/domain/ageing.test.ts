import { describe, expect, it } from 'vitest';
import { DEFAULT_AGEING, daysInState, isAgeing } from '../../../src/shared/domain/ageing';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 15);

describe('ageing', () => {
  it('counts whole days in the state, never negative', () => {
    expect(daysInState(NOW, NOW)).toBe(0);
    expect(daysInState(NOW - DAY + 1, NOW)).toBe(0);
    expect(daysInState(NOW - DAY, NOW)).toBe(1);
    expect(daysInState(NOW - 9.5 * DAY, NOW)).toBe(9);
    // A clock set back (or a remote's timestamp ahead of ours) is today, not -1 days.
    expect(daysInState(NOW + 3 * DAY, NOW)).toBe(0);
  });

  it('flags a port only past its own state threshold; states without one never age', () => {
    const thresholds = { submitted: 5, rejected: 2 };
    expect(isAgeing({ state: 'submitted', stateEnteredAt: NOW - 5 * DAY }, thresholds, NOW)).toBe(false);
    expect(isAgeing({ state: 'submitted', stateEnteredAt: NOW - 6 * DAY }, thresholds, NOW)).toBe(true);
    expect(isAgeing({ state: 'rejected', stateEnteredAt: NOW - 3 * DAY }, thresholds, NOW)).toBe(true);
    expect(isAgeing({ state: 'scheduled', stateEnteredAt: NOW - 300 * DAY }, thresholds, NOW)).toBe(false);
    expect(isAgeing({ state: 'completed', stateEnteredAt: NOW - 300 * DAY }, DEFAULT_AGEING, NOW)).toBe(false);
  });
});
