import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { autoScrollForElements } from '@atlaskit/pragmatic-drag-and-drop-auto-scroll/element';
import type { PortState, PortSummary } from '../../../shared/model';
import { stateLabel } from '../../../shared/domain/states';
import type { Lane } from '../../../shared/domain/views';
import { BOARD_ORDER } from '../board/boardColumns';
import { CARD_HEIGHT, type ColumnDropData } from '../board/Column';
import { PortCard, isCardDragData } from '../board/PortCard';
import { Icon } from '../ui/Icon';
import { pinnedRange } from '../board/pinnedRange';
import { useBoardStore } from '../stores/boardStore';
import { useUiStore } from '../stores/uiStore';
import { laneGroups, laneItems, nextLaneFocus, type LaneGroup, type LaneItem } from './laneGroups';

const GAP = 8;
const LANE_HEAD = 40;
const ROW = CARD_HEIGHT + GAP;
/** A state column's width as on the board, open (at least) or collapsed; the cells' gap is GAP. */
const OPEN_WIDTH = 180;
const COLLAPSED_WIDTH = 44;

/** Per state while a card is dragged: may the dragged ports go there. */
type DropAnswers = Partial<Record<PortState, 'allowed' | 'refused'>>;

/** A drop target in a lane: the board's monitor moves the dragged ports to its state, as a column. */
type LaneDropData = ColumnDropData & { lane: string };

/** Where an arrow key takes focus from a card (null: nowhere). */
export type CardNav = (id: string, key: string) => string | null;

export interface LanesBoardProps {
  rows: PortSummary[];
  lane: Exclude<Lane, 'none'>;
  /** The board's card keys (Enter, M, X, Escape), with arrows moving by `nav`. */
  onCardKeyDown(e: KeyboardEvent<HTMLElement>, nav: CardNav): void;
  onOpenMenu(port: PortSummary): void;
  /** The board's card focus handler: a focused card becomes the board's focused port. */
  onFocusCard(port: PortSummary): void;
}

/**
 * Swimlanes: one band per account or losing carrier across the state columns, biggest first, with
 * every card. Virtualised by card row (a lane's n-th row holds the n-th card of each state), so
 * 10,000 ports draw a screenful; each cell is a drop target like a board column, so a card dragged
 * to another state moves by the board's rules and messages (its drop monitor does the move). The
 * keyboard moves as on the board: arrows within a lane's state column and on into the next lane,
 * across the states of a lane; one card is the tab stop. The states the board collapses (Completed
 * and Canceled, at first) are collapsed here too, to a narrow column with each lane's count: seven
 * open states did not fit a 1366 px window.
 */
export function LanesBoard({ rows, lane, onCardKeyDown, onOpenMenu, onFocusCard }: LanesBoardProps) {
  const collapsed = useBoardStore((s) => s.collapsed);
  const toggleCollapsed = useBoardStore((s) => s.toggleCollapsed);
  const groups = useMemo(() => laneGroups(rows, lane, collapsed), [rows, lane, collapsed]);
  const items = useMemo(() => laneItems(groups), [groups]);
  const selected = useBoardStore((s) => s.selected);
  const focusedId = useBoardStore((s) => s.focusedId);
  const drag = useBoardStore((s) => s.drag);
  const [over, setOver] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const answers = useMemo<DropAnswers | null>(
    () => (drag === null ? null : Object.fromEntries(BOARD_ORDER.map((s) => [s, drag.targets.includes(s) ? 'allowed' : 'refused']))),
    [drag],
  );
  useEffect(() => {
    if (drag === null) setOver(null);
  }, [drag]);

  // A card dragged near the top or bottom edge scrolls the lanes toward hidden cells.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    return autoScrollForElements({ element, canScroll: ({ source }) => isCardDragData(source.data) });
  }, []);

  // Where each card's row sits in the list (rows have fixed heights): keyboard focus scrolls to it.
  const cardAt = useMemo(() => {
    const at = new Map<string, { start: number; index: number; group: string }>();
    let start = 0;
    items.forEach((item, index) => {
      if (item.kind === 'row') {
        for (const state of BOARD_ORDER) {
          if (collapsed.has(state)) continue;
          const port = item.group.columns[state][item.row];
          if (port) at.set(port.id, { start, index, group: item.group.key });
        }
      }
      start += item.kind === 'head' ? LANE_HEAD : ROW;
    });
    return at;
  }, [items, collapsed]);
  const tabStop = useMemo(() => {
    if (focusedId !== null && cardAt.has(focusedId)) return focusedId;
    for (const group of groups) for (const state of BOARD_ORDER) if (!collapsed.has(state) && group.columns[state][0]) return group.columns[state][0].id;
    return null;
  }, [focusedId, cardAt, groups, collapsed]);
  // The tab stop's row is always drawn, however far the lanes are scrolled from it.
  const rangeExtractor = useMemo(() => pinnedRange(tabStop === null ? -1 : (cardAt.get(tabStop)?.index ?? -1)), [tabStop, cardAt]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]!.kind === 'head' ? LANE_HEAD : ROW),
    getItemKey: (i) => items[i]!.key,
    overscan: 3,
    rangeExtractor,
  });

  // A card focused by the keyboard may be outside the rows drawn: scroll its row in (below the
  // sticky state header), then focus it and bring its column into view.
  const focusedAt = focusedId === null ? undefined : cardAt.get(focusedId);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || focusedId === null || !focusedAt) return;
    const head = element.querySelector<HTMLElement>('.lanes-head')?.offsetHeight ?? 0;
    const top = head + focusedAt.start;
    if (top < element.scrollTop + head) element.scrollTop = top - head;
    else if (top + ROW > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW - element.clientHeight;
    const frame = requestAnimationFrame(() => {
      const card = element.querySelector<HTMLElement>(`[data-port-id="${CSS.escape(focusedId)}"]`);
      const active = document.activeElement;
      const lanesHaveFocus = active === document.body || (active instanceof HTMLElement && active.closest('.lanes') !== null);
      if (!card || active === card || !lanesHaveFocus) return;
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
    return () => cancelAnimationFrame(frame);
  }, [focusedId, focusedAt]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => onCardKeyDown(e, (id, key) => nextLaneFocus(groups, collapsed, id, key)),
    [groups, collapsed, onCardKeyDown],
  );
  // The state columns' widths, shared by the header line and every row.
  const grid = useMemo(() => {
    const shut = BOARD_ORDER.filter((s) => collapsed.has(s)).length;
    return {
      ['--lanes-columns' as string]: BOARD_ORDER.map((s) => (collapsed.has(s) ? `${COLLAPSED_WIDTH}px` : `minmax(${OPEN_WIDTH}px, 1fr)`)).join(' '),
      ['--lanes-min-width' as string]: `${(BOARD_ORDER.length - shut) * (OPEN_WIDTH + GAP) + shut * (COLLAPSED_WIDTH + GAP)}px`,
    };
  }, [collapsed]);
  // Per collapsed state, how many ports it holds in view (its header button says so).
  const stateTotals = useMemo(() => {
    const totals = new Map<PortState, number>();
    for (const p of rows) totals.set(p.state, (totals.get(p.state) ?? 0) + 1);
    return totals;
  }, [rows]);

  const onActivate = useCallback((port: PortSummary, e: MouseEvent) => {
    const board = useBoardStore.getState();
    board.setFocused(port.id);
    if (e.metaKey || e.ctrlKey) board.toggleSelected(port.id);
    else useUiStore.getState().openPort(port.id);
  }, []);
  const onToggle = useCallback((port: PortSummary) => useBoardStore.getState().toggleSelected(port.id), []);
  // Leaving one cell and entering the next may come in either order.
  const onOver = useCallback((cell: string, entered: boolean) => setOver((current) => (entered ? cell : current === cell ? null : current)), []);

  return (
    <div
      ref={scrollRef}
      className="lanes"
      role="region"
      aria-label={`Board by ${lane === 'account' ? 'account' : 'losing carrier'}`}
      aria-describedby="lanes-help"
      style={grid}
      onKeyDown={onKeyDown}
    >
      <p id="lanes-help" className="visually-hidden">
        Arrow keys move between the cards of a lane and on to the next lane, left and right across its states; Enter opens a port, M opens Move to, X selects.
      </p>
      <div className="lanes-head">
        {BOARD_ORDER.map((s) =>
          collapsed.has(s) ? (
            <button
              key={s}
              type="button"
              className="lanes-state lanes-expand"
              aria-expanded={false}
              aria-label={`Show ${stateLabel(s)} (${stateTotals.get(s) ?? 0})`}
              title={`Show ${stateLabel(s)} (${stateTotals.get(s) ?? 0})`}
              onClick={() => toggleCollapsed(s)}
            >
              <Icon name="chevronRight" />
              <span className="state-dot" style={{ ['--dot' as string]: `var(--state-${s})` }} />
            </button>
          ) : (
            <span key={s} className="lanes-state">
              <span className="state-dot" style={{ ['--dot' as string]: `var(--state-${s})` }} />
              <span aria-hidden="true">{stateLabel(s)}</span>
              {(s === 'completed' || s === 'canceled') && (
                <button type="button" className="btn btn-ghost btn-icon" aria-expanded={true} aria-label={`Collapse ${stateLabel(s)}`} onClick={() => toggleCollapsed(s)}>
                  <Icon name="chevronDown" />
                </button>
              )}
            </span>
          ),
        )}
      </div>
      <div className="lanes-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index] as LaneItem;
          return item.kind === 'head' ? (
            <LaneHeader key={v.key} group={item.group} start={v.start} />
          ) : (
            <LaneRow
              key={v.key}
              group={item.group}
              row={item.row}
              start={v.start}
              selected={selected}
              focusedId={focusedId}
              tabStop={tabStop}
              collapsed={collapsed}
              laneAccount={lane === 'account' ? item.group.key : undefined}
              answers={answers}
              overState={over !== null && over.startsWith(`${item.group.key}\u001f`) ? (over.slice(item.group.key.length + 1) as PortState) : null}
              onOver={onOver}
              onActivate={onActivate}
              onToggle={onToggle}
              onOpenMenu={onOpenMenu}
              onFocusCard={onFocusCard}
            />
          );
        })}
      </div>
    </div>
  );
}

function LaneHeader({ group, start }: { group: LaneGroup; start: number }) {
  return (
    <header className="lane-header" style={{ transform: `translateY(${start}px)`, height: LANE_HEAD }}>
      {/* Sticky at the left: the lane's name stays in view while the states scroll sideways. */}
      <div className="lane-name">
        <h3 className="lane-title" title={group.label}>
          {group.label}
        </h3>
        <span className="column-count tabular" aria-label={`${group.total} ${group.total === 1 ? 'port' : 'ports'}`}>
          {group.total}
        </span>
        <span className="lane-counts muted">
          {BOARD_ORDER.filter((s) => group.columns[s].length > 0)
            .map((s) => `${stateLabel(s)} ${group.columns[s].length}`)
            .join(' · ')}
        </span>
      </div>
    </header>
  );
}

interface LaneRowProps {
  group: LaneGroup;
  row: number;
  start: number;
  selected: ReadonlySet<string>;
  focusedId: string | null;
  /** The one card Tab reaches: the focused one, else the first. */
  tabStop: string | null;
  collapsed: ReadonlySet<PortState>;
  /** In lanes by account, the lane's account: its cards' titles leave it out. */
  laneAccount: string | undefined;
  answers: DropAnswers | null;
  overState: PortState | null;
  onOver(cell: string, entered: boolean): void;
  onActivate(port: PortSummary, e: MouseEvent): void;
  onToggle(port: PortSummary): void;
  onOpenMenu(port: PortSummary): void;
  onFocusCard(port: PortSummary): void;
}

/**
 * The n-th card of each shown state in one lane: seven cells, each a drop target for its state. A
 * collapsed state's cell holds no cards: its first row names the state and how many the lane has there.
 */
const LaneRow = memo(function LaneRow({ group, row, start, selected, focusedId, tabStop, collapsed, laneAccount, answers, overState, onOver, onActivate, onToggle, onOpenMenu, onFocusCard }: LaneRowProps) {
  const last = row === group.rows - 1;
  return (
    <div className={`lane-row${row === 0 ? ' is-first' : ''}${last ? ' is-last' : ''}`} data-lane={group.key} style={{ transform: `translateY(${start}px)`, height: ROW }}>
      {BOARD_ORDER.map((state) => {
        const answer = answers?.[state];
        const drop = answer === 'allowed' && overState === state ? 'over' : answer;
        if (collapsed.has(state)) {
          const count = group.columns[state].length;
          return (
            <LaneCell key={state} lane={group.key} state={state} drop={drop} onOver={onOver}>
              {row === 0 && count > 0 && (
                // Written sideways as on the board's collapsed column: the header only has room for the dot.
                <div className="lane-shut" title={`${count} ${stateLabel(state)} in ${group.label}`}>
                  <span className="lane-shut-label">
                    {stateLabel(state)}
                    <span className="tabular">{count}</span>
                  </span>
                </div>
              )}
            </LaneCell>
          );
        }
        const port = group.columns[state][row];
        return (
          <LaneCell key={state} lane={group.key} state={state} drop={drop} onOver={onOver}>
            {port && (
              <PortCard
                port={port}
                selected={selected.has(port.id)}
                focused={focusedId === port.id}
                tabbable={tabStop === port.id}
                onActivate={onActivate}
                onToggle={onToggle}
                onOpenMenu={onOpenMenu}
                onFocusCard={onFocusCard}
                laneAccount={laneAccount}
              />
            )}
            {!port && row === 0 && <span className="lane-empty">{answer === 'allowed' ? 'Drop here' : ''}</span>}
          </LaneCell>
        );
      })}
    </div>
  );
});

interface LaneCellProps {
  lane: string;
  state: PortState;
  drop: 'allowed' | 'refused' | 'over' | undefined;
  onOver(cell: string, entered: boolean): void;
  children: ReactNode;
}

function LaneCell({ lane, state, drop, onOver, children }: LaneCellProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return dropTargetForElements({
      element,
      getData: (): LaneDropData => ({ kind: 'column', state, lane: lane }),
      canDrop: ({ source }) => {
        const current = useBoardStore.getState().drag;
        return isCardDragData(source.data) && current !== null && current.targets.includes(state);
      },
      onDragEnter: () => onOver(`${lane}\u001f${state}`, true),
      onDragLeave: () => onOver(`${lane}\u001f${state}`, false),
    });
  }, [lane, state, onOver]);
  return (
    <div ref={ref} className="lane-cell" data-state={state} data-drop={drop}>
      {children}
    </div>
  );
}
