import { describe, expect, it } from 'vitest';
import { tableGroups, tableItems } from '../../../src/renderer/src/queue/tableGroups';
import { summary } from '../../support/summary';

// In view order: the groups must keep it.
const rows = [
  summary('a', 'submitted', { accountName: 'Birch', losingCarrier: 'Lumen', remoteId: 'r1' }),
  summary('b', 'unconfirmed', { accountName: 'Acme', losingCarrier: '', remoteId: null }),
  summary('c', 'rejected', { accountName: '', losingCarrier: 'Lumen', remoteId: 'r2' }),
  summary('d', 'unconfirmed', { accountName: 'Birch', losingCarrier: 'AT&T', remoteId: 'r1' }),
];
const names = (id: string) => ({ r1: 'Kazoo prod', r2: 'Telnyx' })[id] ?? id;
const shape = (by: Parameters<typeof tableGroups>[1]) => tableGroups(rows, by, names).map((g) => [g.label, g.ports.map((p) => p.id)]);

describe('tableGroups', () => {
  it('groups by state in board order, each group in view order', () => {
    expect(shape('state')).toEqual([
      ['Unconfirmed', ['b', 'd']],
      ['Submitted', ['a']],
      ['Rejected', ['c']],
    ]);
  });

  it('groups by account, carrier and remote by name, the empty group last under its own name', () => {
    expect(shape('account')).toEqual([
      ['Acme', ['b']],
      ['Birch', ['a', 'd']],
      ['No account', ['c']],
    ]);
    expect(shape('losingCarrier')).toEqual([
      ['AT&T', ['d']],
      ['Lumen', ['a', 'c']],
      ['No losing carrier', ['b']],
    ]);
    expect(shape('remote')).toEqual([
      ['Kazoo prod', ['a', 'd']],
      ['Telnyx', ['c']],
      ['Local only', ['b']],
    ]);
  });
});

describe('tableItems', () => {
  it('lists each header, then its rows; a closed group keeps its header and drops its rows from those shown', () => {
    const groups = tableGroups(rows, 'state', names);
    const { rows: shown, items } = tableItems(groups, new Set(['unconfirmed']));
    expect(shown.map((p) => p.id)).toEqual(['a', 'c']);
    expect(items.map((i) => (i.kind === 'group' ? `${i.group.label}${i.collapsed ? '+' : '-'}` : i.row))).toEqual(['Unconfirmed+', 'Submitted-', 0, 'Rejected-', 1]);
  });
});
