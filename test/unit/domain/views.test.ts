import { describe, expect, it } from 'vitest';
import { compileFilter, focRange, toPortFilter, EMPTY_FILTER, type SavedFilter } from '../../../src/shared/domain/portFilter';
import { DEFAULT_VIEWS, ViewDefinitionSchema, mergeViews, sortPorts } from '../../../src/shared/domain/views';
import type { PortSummary } from '../../../src/shared/model';
import { summary } from '../../support/summary';

const DAY = 86_400_000;
// Monday 30 November 2026, mid-afternoon local time.
const TODAY = new Date(2026, 10, 30, 15, 0, 0);
const now = TODAY.getTime();

const ports: PortSummary[] = [
  summary('overdue', 'pending', { focDate: '2026-11-27', stateEnteredAt: now - 2 * DAY }),
  summary('overdue-done', 'completed', { focDate: '2026-11-20', stateEnteredAt: now - 9 * DAY }),
  summary('today', 'scheduled', { focDate: '2026-11-30', stateEnteredAt: now - DAY }),
  summary('in-7', 'pending', { transferDate: '2026-12-07', stateEnteredAt: now - 3 * DAY }),
  summary('in-8', 'pending', { focDate: '2026-12-08', stateEnteredAt: now - 3 * DAY }),
  summary('in-30', 'submitted', { focDate: '2026-12-30', stateEnteredAt: now - 6 * DAY }),
  summary('rejected-new', 'rejected', { stateEnteredAt: now - 2 * DAY }),
  summary('rejected-old', 'rejected', { stateEnteredAt: now - 8 * DAY }),
  summary('submitted-5', 'submitted', { stateEnteredAt: now - 5 * DAY - 60_000 }),
  summary('submitted-9', 'submitted', { stateEnteredAt: now - 9 * DAY }),
];

function shown(filter: Partial<SavedFilter>): string[] {
  const match = compileFilter(toPortFilter({ ...EMPTY_FILTER, ...filter }), TODAY);
  return ports.filter(match).map((p) => p.id);
}

function viewShows(name: string): string[] {
  const view = DEFAULT_VIEWS.find((v) => v.name === name);
  if (!view) throw new Error(`no default view ${name}`);
  return sortPorts(ports.filter(compileFilter(toPortFilter(view.definition.filter), TODAY)), view.definition.sort).map((p) => p.id);
}

describe('FOC presets', () => {
  it('work out their range from today', () => {
    expect(focRange({ focPreset: 'overdue', focFrom: '', focTo: '' }, TODAY)).toEqual({ from: '', to: '2026-11-29', openOnly: true });
    expect(focRange({ focPreset: 'next7', focFrom: '', focTo: '' }, TODAY)).toEqual({ from: '2026-11-30', to: '2026-12-07', openOnly: false });
    expect(focRange({ focPreset: 'next30', focFrom: '', focTo: '' }, TODAY)).toEqual({ from: '2026-11-30', to: '2026-12-30', openOnly: false });
    // A preset wins over a stale custom range.
    expect(focRange({ focPreset: 'today', focFrom: '2020-01-01', focTo: '2020-01-02' }, TODAY)).toEqual({ from: '2026-11-30', to: '2026-11-30', openOnly: false });
  });

  it('filter on the FOC date, else the requested transfer date; overdue leaves finished ports out', () => {
    expect(shown({ focPreset: 'overdue' })).toEqual(['overdue']);
    expect(shown({ focPreset: 'today' })).toEqual(['today']);
    expect(shown({ focPreset: 'next7' })).toEqual(['today', 'in-7']);
    expect(shown({ focPreset: 'next30' })).toEqual(['today', 'in-7', 'in-8', 'in-30']);
  });
});

describe('saved-view filters', () => {
  it('days in state: "more than N days" and "entered within N days"', () => {
    expect(shown({ states: ['submitted'], daysInStateOver: 5 })).toEqual(['in-30', 'submitted-5', 'submitted-9']);
    expect(shown({ states: ['rejected'], enteredWithinDays: 7 })).toEqual(['rejected-new']);
  });

  it('the four default views show their queues, in their order', () => {
    expect(viewShows('FOC overdue')).toEqual(['overdue']);
    expect(viewShows('FOC next 7 days')).toEqual(['today', 'in-7']);
    expect(viewShows('Rejected this week')).toEqual(['rejected-new']);
    // Longest stuck first.
    expect(viewShows('Stuck > 5 days in Submitted')).toEqual(['submitted-9', 'in-30', 'submitted-5']);
  });

  it('a saved view replaces the built-in of the same name and survives a JSON round trip', () => {
    const mine = { name: 'FOC overdue', builtIn: false, definition: ViewDefinitionSchema.parse({ filter: { focPreset: 'overdue', tag: 'vip' } }) };
    const other = { name: 'A queue', builtIn: false, definition: ViewDefinitionSchema.parse(JSON.parse(JSON.stringify({ filter: { states: ['pending'] }, sort: { key: 'name', dir: 'desc' } }))) };
    const merged = mergeViews([other, mine]);
    expect(merged.map((v) => v.name)).toEqual(['FOC overdue', 'FOC next 7 days', 'Rejected this week', 'Stuck > 5 days in Submitted', 'A queue']);
    expect(merged[0]?.definition.filter.tag).toBe('vip');
    expect(other.definition.filter).toEqual({ ...EMPTY_FILTER, states: ['pending'] });
    expect(ViewDefinitionSchema.safeParse({ filter: { states: ['lost'] } }).success).toBe(false);
  });

  it('sorts with empty values last in both directions and board order breaking ties', () => {
    const list = [summary('b', 'pending', { losingCarrier: 'Verizon' }), summary('a', 'pending', { losingCarrier: '' }), summary('c', 'pending', { losingCarrier: 'AT&T' })];
    expect(sortPorts(list, { key: 'losingCarrier', dir: 'asc' }).map((p) => p.id)).toEqual(['c', 'b', 'a']);
    expect(sortPorts(list, { key: 'losingCarrier', dir: 'desc' }).map((p) => p.id)).toEqual(['b', 'c', 'a']);
  });
});
