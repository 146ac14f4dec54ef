import { memo, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { autoScrollForElements } from '@atlaskit/pragmatic-drag-and-drop-auto-scroll/element';
import type { PortState, PortSummary } from '../../../shared/model';
import { stateLabel } from '../../../shared/domain/states';
import { useBoardStore } from '../stores/boardStore';
import { Icon } from '../ui/Icon';
import { PortCard } from './PortCard';
import { pinnedRange } from './pinnedRange';
import { isCardDragData } from './PortCard';

/** Fixed card height: virtual rows never re-measure, so nothing jumps while scrolling. */
export const CARD_HEIGHT = 116;
const GAP = 8;
const rowSize = () => CARD_HEIGHT + GAP;

export interface ColumnProps {
  state: PortState;
  ports: PortSummary[];
  collapsed: boolean;
  onActivate(port: PortSummary, e: MouseEvent): void;
  onToggle(port: PortSummary): void;
  onOpenMenu(port: PortSummary): void;
  onFocusCard(port: PortSummary): void;
  onSelectAll(ports: PortSummary[]): void;
}

/** Data a column drop target exposes to the board's drop monitor. */
export type ColumnDropData = Record<string | symbol, unknown> & {
  kind: 'column';
  state: PortState;
};

export const Column = memo(function Column({ state, ports, collapsed, onActivate, onToggle, onOpenMenu, onFocusCard, onSelectAll }: ColumnProps) {
  const ref = useRef<HTMLElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);
  // A primitive per column, not the drag object: starting or ending a drag re-renders a column
  // only when its answer (none / allowed / refused) changes.
  const dragAnswer = useBoardStore((s) => (s.drag === null ? 'none' : s.drag.targets.includes(state) ? 'allowed' : 'refused'));
  const selected = useBoardStore((s) => s.selected);
  const focusedId = useBoardStore((s) => s.focusedId);
  const toggleCollapsed = useBoardStore((s) => s.toggleCollapsed);
  const dragging = dragAnswer !== 'none';
  const allowed = dragAnswer === 'allowed';
  const label = stateLabel(state);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return dropTargetForElements({
      element,
      getData: (): ColumnDropData => ({ kind: 'column', state }),
      canDrop: ({ source }) => {
        // Read the drag from the store, not from render: the source may be a whole selection.
        const current = useBoardStore.getState().drag;
        return isCardDragData(source.data) && current !== null && current.targets.includes(state);
      },
      onDragEnter: () => setOver(true),
      onDragLeave: () => setOver(false),
      onDrop: () => setOver(false),
    });
  }, [state]);

  // A card dragged near the top or bottom edge scrolls a long column toward hidden targets.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || collapsed) return;
    return autoScrollForElements({ element, canScroll: ({ source }) => isCardDragData(source.data) });
  }, [collapsed]);

  // Keyboard focus may land on a card that is not rendered yet: scroll it in, then focus it.
  // Memoised: a scan of the whole column on every drag or selection render is O(column length).
  const focusIndex = useMemo(() => (focusedId ? ports.findIndex((p) => p.id === focusedId) : -1), [ports, focusedId]);
  // The column's tab stop (its focused card, else its first while no card has focus) is always drawn.
  const rangeExtractor = useMemo(() => pinnedRange(focusIndex >= 0 ? focusIndex : focusedId === null ? 0 : -1), [focusIndex, focusedId]);
  const virtualizer = useVirtualizer({
    count: collapsed ? 0 : ports.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowSize,
    // Every filter keystroke refills the visible cards of every column: a short overscan keeps that
    // within the 50 ms budget at 10k ports; keyboard moves scroll the target in before focusing.
    overscan: 2,
    rangeExtractor,
  });
  useEffect(() => {
    if (focusIndex < 0 || collapsed) return;
    virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
    const frame = requestAnimationFrame(() => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-port-id="${CSS.escape(focusedId ?? '')}"]`);
      const active = document.activeElement;
      const boardHasFocus = active === document.body || (active instanceof HTMLElement && active.closest('.board') !== null && !active.closest('.board-filters'));
      if (el && active !== el && boardHasFocus) el.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [focusIndex, focusedId, collapsed, virtualizer]);

  const dropState = !dragging ? undefined : allowed ? (over ? 'over' : 'allowed') : 'refused';
  const allSelected = useMemo(() => ports.length > 0 && ports.every((p) => selected.has(p.id)), [ports, selected]);

  if (collapsed) {
    return (
      <section ref={ref} className="column is-collapsed" aria-label={label} data-state={state} data-drop={dropState}>
        <button type="button" className="column-expand" aria-expanded={false} aria-label={`Show ${label} (${ports.length})`} onClick={() => toggleCollapsed(state)}>
          <Icon name="chevronRight" />
          <span className="column-vertical-label">
            <span className="state-dot" style={{ ['--dot' as string]: `var(--state-${state})` }} />
            {label}
            <span className="column-count tabular">{ports.length}</span>
          </span>
        </button>
      </section>
    );
  }

  const items = virtualizer.getVirtualItems();
  const collapsible = state === 'completed' || state === 'canceled';
  return (
    <section ref={ref} className="column" aria-label={label} data-state={state} data-drop={dropState}>
      <header className="column-header">
        <span className="state-dot" style={{ ['--dot' as string]: `var(--state-${state})` }} />
        <h2 className="column-title">{label}</h2>
        <span className="column-count tabular" aria-label={`${ports.length} ${ports.length === 1 ? 'port' : 'ports'}`}>
          {ports.length}
        </span>
        <span className="column-actions">
          <input
            type="checkbox"
            className="column-check"
            aria-label={`Select all in ${label}`}
            checked={allSelected}
            disabled={ports.length === 0}
            onChange={() => onSelectAll(allSelected ? [] : ports)}
          />
          {collapsible && (
            <button type="button" className="btn btn-ghost btn-icon" aria-expanded={true} aria-label={`Collapse ${label}`} onClick={() => toggleCollapsed(state)}>
              <Icon name="chevronDown" />
            </button>
          )}
        </span>
      </header>
      <div ref={scrollRef} className="column-scroll">
        {ports.length === 0 ? (
          <div className="column-empty">{allowed ? 'Drop here' : 'No ports'}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const port = ports[item.index] as PortSummary;
              return (
                // Keyed by position, not port: a filter keystroke then updates the cards in place
                // (text and attributes) instead of replacing ~50 card subtrees, which halved its cost.
                <div key={item.key} className="card-slot" style={{ transform: `translateY(${item.start}px)`, height: CARD_HEIGHT }}>
                  <PortCard
                    port={port}
                    selected={selected.has(port.id)}
                    focused={focusedId === port.id}
                    tabbable={focusedId === port.id || (focusedId === null && item.index === 0)}
                    onActivate={onActivate}
                    onToggle={onToggle}
                    onOpenMenu={onOpenMenu}
                    onFocusCard={onFocusCard}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
});
