import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../src/shared/model';
import { groupByDay } from '../../../src/renderer/src/detail/timelineDays';

const NOW = new Date(2026, 10, 25, 9, 30);

function event(id: number, at: Date, message = `event ${id}`): TimelineEvent {
  return { id, portId: 'p', at: at.getTime(), kind: 'state', fromState: null, toState: null, message, actor: 'you' };
}

describe('groupByDay', () => {
  it('groups newest first under Today, Yesterday and dated headings by the local calendar day', () => {
    const days = groupByDay(
      [
        event(1, new Date(2026, 10, 20, 23, 59)),
        event(2, new Date(2026, 10, 24, 0, 0)),
        event(3, new Date(2026, 10, 25, 0, 1)),
        event(4, new Date(2026, 10, 24, 23, 59)),
        event(5, new Date(2026, 10, 25, 8, 0)),
      ],
      NOW,
    );
    expect(days.map((d) => [d.key, d.events.map((e) => e.id)])).toEqual([
      ['2026-11-25', [5, 3]],
      ['2026-11-24', [4, 2]],
      ['2026-11-20', [1]],
    ]);
    expect(days[0]?.label).toBe('Today');
    expect(days[1]?.label).toBe('Yesterday');
    expect(days[2]?.label).toMatch(/Nov/);
    expect(days[2]?.label).toMatch(/20/);
  });

  it('orders events of the same instant by id, newest first, and gives nothing for no events', () => {
    const at = new Date(2026, 10, 25, 8, 0);
    expect(groupByDay([event(7, at), event(9, at), event(8, at)], NOW)[0]?.events.map((e) => e.id)).toEqual([9, 8, 7]);
    expect(groupByDay([], NOW)).toEqual([]);
  });

  it('labels yesterday across a month boundary', () => {
    const days = groupByDay([event(1, new Date(2026, 10, 30, 12, 0))], new Date(2026, 11, 1, 8, 0));
    expect(days[0]?.label).toBe('Yesterday');
  });
});
