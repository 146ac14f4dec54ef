import { useMemo, useRef, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PortSummary } from '../../../shared/model';
import { stateLabel } from '../../../shared/domain/states';
import type { Lane } from '../../../shared/domain/views';
import { BOARD_ORDER } from '../board/boardColumns';
import { CARD_HEIGHT } from '../board/Column';
import { PortCard } from '../board/PortCard';
import { useBoardStore } from '../stores/boardStore';
import { useFilterStore } from '../stores/filterStore';
import { useUiStore } from '../stores/uiStore';
import { useViewStore } from '../stores/viewStore';
import { laneGroups, type LaneGroup } from './laneGroups';

/** Cards shown per lane and state; the rest are one click away ("+N more" opens the lane alone). */
const PER_CELL = 3;
const GAP = 8;
const LANE_HEAD = 36;

function laneHeight(g: LaneGroup): number {
  const tallest = Math.max(1, ...BOARD_ORDER.map((s) => Math.min(PER_CELL, g.columns[s].length) + (g.columns[s].length > PER_CELL ? 0.3 : 0)));
  return LANE_HEAD + tallest * (CARD_HEIGHT + GAP) + GAP * 2;
}

/**
 * Swimlanes: one band per account or losing carrier across the state columns, biggest first,
 * virtualised by band so 10,000 ports draw a screenful. Each cell shows its first cards.
 */
export function LanesBoard({ rows, lane }: { rows: PortSummary[]; lane: Exclude<Lane, 'none'> }) {
  const groups = useMemo(() => laneGroups(rows, lane), [rows, lane]);
  const selected = useBoardStore((s) => s.selected);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: groups.length, getScrollElement: () => scrollRef.current, estimateSize: (i) => laneHeight(groups[i]!), overscan: 2 });

  const onActivate = (port: PortSummary, e: MouseEvent) => {
    const board = useBoardStore.getState();
    board.setFocused(port.id);
    if (e.metaKey || e.ctrlKey) board.toggleSelected(port.id);
    else useUiStore.getState().openPort(port.id);
  };
  const onToggle = (port: PortSummary) => useBoardStore.getState().toggleSelected(port.id);
  const openLane = (g: LaneGroup) => {
    const f = useFilterStore.getState();
    if (lane === 'account') f.setAccount(`name:${g.key}`);
    else f.setQuery(g.key);
    useViewStore.getState().setLanes('none');
  };

  return (
    <div ref={scrollRef} className="lanes" role="region" aria-label={`Board by ${lane === 'account' ? 'account' : 'losing carrier'}`}>
      <div className="lanes-head" aria-hidden="true">
        <span className="lane-title-cell" />
        {BOARD_ORDER.map((s) => (
          <span key={s} className="lanes-state">
            <span className="state-dot" style={{ ['--dot' as string]: `var(--state-${s})` }} />
            {stateLabel(s)}
          </span>
        ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const g = groups[item.index] as LaneGroup;
          return (
            <section key={g.key} className="lane" aria-label={`${g.label}, ${g.total} ${g.total === 1 ? 'port' : 'ports'}`} style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
              <header className="lane-header">
                <h3 className="lane-title" title={g.label}>
                  {g.label}
                </h3>
                <span className="column-count tabular">{g.total}</span>
              </header>
              <div className="lane-cells">
                {BOARD_ORDER.map((s) => {
                  const list = g.columns[s];
                  return (
                    <div key={s} className="lane-cell" aria-label={`${stateLabel(s)}: ${list.length}`} role="group">
                      {list.slice(0, PER_CELL).map((p) => (
                        <div key={p.id} className="lane-card" style={{ height: CARD_HEIGHT }}>
                          <PortCard port={p} selected={selected.has(p.id)} focused={false} tabbable onActivate={onActivate} onToggle={onToggle} onOpenMenu={() => undefined} onFocusCard={() => undefined} />
                        </div>
                      ))}
                      {list.length > PER_CELL && (
                        <button type="button" className="btn btn-ghost btn-sm lane-more" onClick={() => openLane(g)}>
                          +{list.length - PER_CELL} more
                        </button>
                      )}
                    </div>
                  );
                })}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
