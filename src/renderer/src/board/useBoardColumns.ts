import { useEffect, useMemo } from 'react';
import { usePortsStore } from '../stores/portsStore';
import { useFilterStore } from '../stores/filterStore';
import { buildColumns, numberQuery, sortForBoard, type BoardColumns } from './boardColumns';
import { warmSearchText } from './cardFacts';

/**
 * The filtered, grouped board. Recomputed only when the ports map or a filter changes; a number
 * query waits for its lookup answer (the previous result stays up meanwhile, so nothing jumps).
 */
export function useBoardColumns(): { columns: BoardColumns; shown: number; total: number } {
  const byId = usePortsStore((s) => s.byId);
  const query = useFilterStore((s) => s.query);
  const states = useFilterStore((s) => s.states);
  const focFrom = useFilterStore((s) => s.focFrom);
  const focTo = useFilterStore((s) => s.focTo);
  const attention = useFilterStore((s) => s.needsAttention);
  const ready = useFilterStore((s) => s.readyToSubmit);
  const account = useFilterStore((s) => s.account);
  const tag = useFilterStore((s) => s.tag);
  const numberMatch = useFilterStore((s) => s.numberMatch);
  const numberPortIds = numberQuery(query) !== null && numberMatch?.query === query ? numberMatch.portIds : undefined;
  const sorted = useMemo(() => sortForBoard(byId.values()), [byId]);
  useEffect(() => warmSearchText(sorted), [sorted]);
  return useMemo(() => {
    const columns = buildColumns(sorted, { query, states, focFrom, focTo, needsAttention: attention, readyToSubmit: ready, account, tag, numberPortIds });
    let shown = 0;
    for (const list of Object.values(columns)) shown += list.length;
    return { columns, shown, total: sorted.length };
  }, [sorted, query, states, focFrom, focTo, attention, ready, account, tag, numberPortIds]);
}
