import { describe, expect, it } from 'vitest';
import { laneGroups, nextLaneFocus } from '../../../src/renderer/src/queue/laneGroups';
import { summary } from '../../support/summary';

// Acme (5 ports, first lane): unconfirmed a1 a2 a3, submitted a4, rejected a5.
// Birch (2 ports): pending b1, canceled b2.
const rows = [
  summary('a1', 'unconfirmed', { accountName: 'Acme' }),
  summary('a2', 'unconfirmed', { accountName: 'Acme' }),
  summary('b1', 'pending', { accountName: 'Birch' }),
  summary('a3', 'unconfirmed', { accountName: 'Acme' }),
  summary('a4', 'submitted', { accountName: 'Acme' }),
  summary('a5', 'rejected', { accountName: 'Acme' }),
  summary('b2', 'canceled', { accountName: 'Birch' }),
];
const groups = laneGroups(rows, 'account', new Set());
const go = (from: string, key: string) => nextLaneFocus(groups, new Set(), from, key);

describe('nextLaneFocus', () => {
  it('moves up and down within a lane’s state column', () => {
    expect(groups.map((g) => g.label)).toEqual(['Acme', 'Birch']);
    expect(go('a1', 'ArrowDown')).toBe('a2');
    expect(go('a3', 'ArrowUp')).toBe('a2');
  });

  it('moves left and right across the states of the same lane at the same row, skipping empty states, clamped', () => {
    expect(go('a3', 'ArrowRight')).toBe('a4');
    expect(go('a4', 'ArrowRight')).toBe('a5');
    expect(go('a4', 'ArrowLeft')).toBe('a1');
    expect(go('b1', 'ArrowRight')).toBe('b2');
    expect(go('b2', 'ArrowLeft')).toBe('b1');
  });

  it('goes on into the next or previous lane past a column’s ends, to the nearest state with cards', () => {
    // Below a3 (unconfirmed): Birch has no unconfirmed card; its nearest state with cards is pending.
    expect(go('a3', 'ArrowDown')).toBe('b1');
    // Below a5 (rejected): Birch's pending and canceled are both two states away; ties go left.
    expect(go('a5', 'ArrowDown')).toBe('b1');
    // Above b2 (canceled): Acme's nearest state with cards is rejected, its last card.
    expect(go('b2', 'ArrowUp')).toBe('a5');
    // Above b1 (pending): Acme's submitted (left, at distance one) is nearer than rejected (two).
    expect(go('b1', 'ArrowUp')).toBe('a4');
  });

  it('stops at the edges', () => {
    expect(go('a1', 'ArrowUp')).toBeNull();
    expect(go('a1', 'ArrowLeft')).toBeNull();
    expect(go('b1', 'ArrowDown')).toBeNull();
    expect(go('b2', 'ArrowRight')).toBeNull();
    expect(go('a1', 'Enter')).toBeNull();
    expect(go('gone', 'ArrowDown')).toBeNull();
  });
});

describe('collapsed states in the lanes', () => {
  const shut = new Set(['canceled', 'rejected'] as const);
  const lanes = laneGroups(rows, 'account', shut);

  it('need no card rows', () => {
    // Birch: one pending card, its canceled one collapsed; Acme: three unconfirmed.
    expect(lanes.map((g) => [g.label, g.rows])).toEqual([
      ['Acme', 3],
      ['Birch', 1],
    ]);
  });

  it('are passed by the arrow keys, as on the board', () => {
    expect(nextLaneFocus(lanes, shut, 'a4', 'ArrowRight')).toBeNull();
    expect(nextLaneFocus(lanes, shut, 'b1', 'ArrowRight')).toBeNull();
    // Below a4 (submitted): Birch's nearest shown state with cards is pending.
    expect(nextLaneFocus(lanes, shut, 'a4', 'ArrowDown')).toBe('b1');
    // Above b1: Acme's submitted, not its collapsed rejected.
    expect(nextLaneFocus(lanes, shut, 'b1', 'ArrowUp')).toBe('a4');
  });
});
