import { useEffect, useMemo, useRef } from 'react';
import type { PortSummary } from '../../../shared/model';
import { compileFilter } from '../../../shared/domain/portFilter';
import { PortOrder } from '../../../shared/domain/portOrder';
import { TABLE_COLUMNS } from '../../../shared/domain/views';
import { usePortsStore } from '../stores/portsStore';
import { useFilterStore } from '../stores/filterStore';
import { useBoardStore } from '../stores/boardStore';
import { useViewStore } from '../stores/viewStore';
import { groupColumns, numberQuery, type BoardColumns } from './boardColumns';
import { warmSearchText } from './cardFacts';

/** Work out every column's sort ranks in idle time, one column per callback, so no header click pays for them. */
function prepareWhenIdle(order: PortOrder): () => void {
  let next = 0;
  let handle = 0;
  const work = (deadline: IdleDeadline) => {
    while (next < TABLE_COLUMNS.length && (deadline.timeRemaining() > 4 || deadline.didTimeout)) order.prepare(TABLE_COLUMNS[next++]!);
    if (next < TABLE_COLUMNS.length) handle = requestIdleCallback(work, { timeout: 2000 });
  };
  handle = requestIdleCallback(work, { timeout: 2000 });
  return () => cancelIdleCallback(handle);
}

/**
 * The filtered ports in view order. The sort and the filter are worked out apart, each only when
 * its own inputs change: a sort change is one numeric sort (PortOrder) and a pass over the
 * filter's kept/dropped flags; a filter keystroke never sorts. A number query waits for its
 * lookup answer (the previous result stays up meanwhile, so nothing jumps).
 */
export function useViewPorts(): { rows: PortSummary[]; total: number } {
  const live = usePortsStore((s) => s.byId);
  // While a card is pressed or dragged, ports pulled or changed meanwhile wait for the click or the
  // drop: shown at once, they moved the cards under the pointer (one sorted in above pushed the
  // column down), so a click could open the card that moved in. Hovering holds nothing: the board
  // would stay stale for as long as the pointer rests on it.
  const holding = useBoardStore((s) => s.drag !== null || s.pressed);
  const held = useRef(live);
  if (!holding) held.current = live;
  const byId = held.current;
  const sort = useViewStore((s) => s.sort);
  const f = useFilterStore();
  const { query, states, focPreset, focFrom, focTo, needsAttention, readyToSubmit, account, tag, daysInStateOver, enteredWithinDays, numberMatch } = f;
  const numberPortIds = numberQuery(query) !== null && numberMatch?.query === query ? numberMatch.portIds : undefined;
  const order = useMemo(() => new PortOrder([...byId.values()]), [byId]);
  useEffect(() => warmSearchText(order.ports), [order]);
  useEffect(() => prepareWhenIdle(order), [order]);
  const sorted = useMemo(() => order.indices(sort), [order, sort]);
  const kept = useMemo(() => {
    const match = compileFilter({ query, states, focPreset, focFrom, focTo, needsAttention, readyToSubmit, account, tag, daysInStateOver, enteredWithinDays, numberPortIds });
    return Uint8Array.from(order.ports, (p) => (match(p) ? 1 : 0));
  }, [order, query, states, focPreset, focFrom, focTo, needsAttention, readyToSubmit, account, tag, daysInStateOver, enteredWithinDays, numberPortIds]);
  return useMemo(() => {
    const rows: PortSummary[] = [];
    for (const i of sorted) if (kept[i]) rows.push(order.ports[i]!);
    return { rows, total: order.ports.length };
  }, [order, sorted, kept]);
}

/** The filtered ports grouped into the board's state columns. */
export function useBoardColumns(): { columns: BoardColumns; rows: PortSummary[]; shown: number; total: number } {
  const { rows, total } = useViewPorts();
  return useMemo(() => ({ columns: groupColumns(rows), rows, shown: rows.length, total }), [rows, total]);
}
