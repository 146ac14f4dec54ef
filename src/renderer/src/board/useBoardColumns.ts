import { useEffect, useMemo } from 'react';
import type { PortSummary } from '../../../shared/model';
import { usePortsStore } from '../stores/portsStore';
import { useFilterStore } from '../stores/filterStore';
import { useViewStore } from '../stores/viewStore';
import { filterPorts, groupColumns, numberQuery, sortForBoard, type BoardColumns } from './boardColumns';
import { warmSearchText } from './cardFacts';

/**
 * The filtered ports in view order. Sorted only when the ports map or the sort changes (a filter
 * keystroke never sorts); a number query waits for its lookup answer (the previous result stays
 * up meanwhile, so nothing jumps).
 */
export function useViewPorts(): { rows: PortSummary[]; total: number } {
  const byId = usePortsStore((s) => s.byId);
  const sort = useViewStore((s) => s.sort);
  const f = useFilterStore();
  const { query, states, focPreset, focFrom, focTo, needsAttention, readyToSubmit, account, tag, daysInStateOver, enteredWithinDays, numberMatch } = f;
  const numberPortIds = numberQuery(query) !== null && numberMatch?.query === query ? numberMatch.portIds : undefined;
  const sorted = useMemo(() => sortForBoard(byId.values(), sort), [byId, sort]);
  useEffect(() => warmSearchText(sorted), [sorted]);
  return useMemo(
    () => ({
      rows: filterPorts(sorted, { query, states, focPreset, focFrom, focTo, needsAttention, readyToSubmit, account, tag, daysInStateOver, enteredWithinDays, numberPortIds }),
      total: sorted.length,
    }),
    [sorted, query, states, focPreset, focFrom, focTo, needsAttention, readyToSubmit, account, tag, daysInStateOver, enteredWithinDays, numberPortIds],
  );
}

/** The filtered ports grouped into the board's state columns. */
export function useBoardColumns(): { columns: BoardColumns; rows: PortSummary[]; shown: number; total: number } {
  const { rows, total } = useViewPorts();
  return useMemo(() => ({ columns: groupColumns(rows), rows, shown: rows.length, total }), [rows, total]);
}
