import { describe, expect, it } from 'vitest';
import { PORT_STATES, type PortSummary } from '../../../src/shared/model';
import { PortOrder } from '../../../src/shared/domain/portOrder';
import { TABLE_COLUMNS, sortPorts, type ColumnId, type Sort } from '../../../src/shared/domain/views';
import { summary } from '../../support/summary';

/** A small deterministic generator: the same ports every run, with many ties and empty values. */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function ports(count: number): PortSummary[] {
  const r = rng(7);
  const days = ['', '2030-01-02', '2030-01-09', '2030-02-01'];
  return Array.from({ length: count }, (_, i) =>
    summary(`p${i}`, pick(r, PORT_STATES), {
      name: pick(r, ['Acme', 'acme', 'Zeta', 'beta', 'Émile', '']),
      accountName: pick(r, ['', 'North', 'south']),
      billingName: pick(r, ['', 'Bill Co']),
      losingCarrier: pick(r, ['', 'AT&T', 'Verizon', 'verizon']),
      remoteStatus: pick(r, [null, 'submitted', 'Pending']),
      numberCount: Math.floor(r() * 4),
      focDate: pick(r, days),
      transferDate: pick(r, days),
      stateEnteredAt: Math.floor(r() * 5) * 1000,
      remoteChangedAt: pick(r, [null, 5, 9]),
      syncStatus: pick(r, ['local', 'pending', 'synced', 'conflict', 'error'] as const),
      tags: pick(r, [[], ['b'], ['a', 'c']]),
      referenceNumber: pick(r, ['', 'R2', 'r1']),
      customerReference: pick(r, ['', 'C9']),
      updatedAt: Math.floor(r() * 6),
    }),
  );
}

// The order the table promises, written the slow, obvious way: one comparator reading both ports.
function key(p: PortSummary, id: ColumnId): string | number | null {
  const text = (s: string | null) => (s ?? '').toLowerCase() || null;
  const map: Record<ColumnId, () => string | number | null> = {
    name: () => text(p.name),
    account: () => text(p.accountName || p.billingName || p.remoteAccountId),
    state: () => PORT_STATES.indexOf(p.state),
    remoteStatus: () => text(p.remoteStatus),
    losingCarrier: () => text(p.losingCarrier),
    numbers: () => p.numberCount,
    due: () => p.focDate || p.transferDate || null,
    daysInState: () => -p.stateEnteredAt,
    remoteChanged: () => p.remoteChangedAt,
    sync: () => p.syncStatus,
    tags: () => text(p.tags.join(',')),
    reference: () => text(p.referenceNumber || p.customerReference),
  };
  return map[id]();
}

function boardCompare(a: PortSummary, b: PortSummary): number {
  const da = a.focDate || a.transferDate;
  const db = b.focDate || b.transferDate;
  if (da !== db) return !da ? 1 : !db ? -1 : da < db ? -1 : 1;
  return b.updatedAt - a.updatedAt;
}

function reference(list: PortSummary[], sort: Sort): string[] {
  const out = [...list];
  if (sort.key === 'board') return out.sort(boardCompare).map((p) => p.id);
  const id = sort.key;
  const sign = sort.dir === 'asc' ? 1 : -1;
  return out
    .sort((a, b) => {
      const ka = key(a, id);
      const kb = key(b, id);
      if (ka !== kb) {
        if (ka === null) return 1;
        if (kb === null) return -1;
        return (ka < kb ? -1 : 1) * sign;
      }
      return boardCompare(a, b);
    })
    .map((p) => p.id);
}

describe('PortOrder', () => {
  const list = ports(400);
  const order = new PortOrder(list);

  it('sorts by every column both ways like a plain comparator: empty values last, ties in board order', () => {
    expect(order.sorted({ key: 'board', dir: 'asc' }).map((p) => p.id)).toEqual(reference(list, { key: 'board', dir: 'asc' }));
    for (const column of TABLE_COLUMNS) {
      for (const dir of ['asc', 'desc'] as const) {
        expect(order.sorted({ key: column, dir }).map((p) => p.id), `${column} ${dir}`).toEqual(reference(list, { key: column, dir }));
      }
    }
  });

  it('gives the same order whether a column was prepared ahead or not, and indices into the list it was given', () => {
    const fresh = new PortOrder(list);
    for (const column of TABLE_COLUMNS) fresh.prepare(column);
    const sort: Sort = { key: 'due', dir: 'desc' };
    expect(fresh.sorted(sort)).toEqual(order.sorted(sort));
    const indices = order.indices(sort);
    expect([...indices].sort((a, b) => a - b)).toEqual(list.map((_, i) => i));
    expect(Array.from(indices, (i) => list[i]!.id)).toEqual(reference(list, sort));
  });

  it('puts ports never changed remotely last in either direction, and handles an empty list', () => {
    const changed = [summary('never', 'pending'), summary('old', 'pending', { remoteChangedAt: 1 }), summary('new', 'pending', { remoteChangedAt: 2 })];
    expect(sortPorts(changed, { key: 'remoteChanged', dir: 'asc' }).map((p) => p.id)).toEqual(['old', 'new', 'never']);
    expect(sortPorts(changed, { key: 'remoteChanged', dir: 'desc' }).map((p) => p.id)).toEqual(['new', 'old', 'never']);
    expect(new PortOrder([]).sorted({ key: 'name', dir: 'asc' })).toEqual([]);
  });
});
