import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { autoScrollForElements } from '@atlaskit/pragmatic-drag-and-drop-auto-scroll/element';
import type { PortState, PortSummary } from '../../../shared/model';
import { commonTargets } from '../../../shared/domain/states';
import { useBoardStore } from '../stores/boardStore';
import { usePortsStore } from '../stores/portsStore';
import { useUiStore } from '../stores/uiStore';
import { useNoticeStore } from '../stores/noticeStore';
import { Column } from './Column';
import { isCardDragData } from './PortCard';
import { FilterBar } from './FilterBar';
import { BulkBar } from './BulkBar';
import { MoveMenu } from './MoveMenu';
import { BoardSkeleton } from './BoardSkeleton';
import { explainRefusedMove, movePorts } from './moveActions';
import { nextFocus } from './keyboardNav';
import { cardElement } from './cardElement';
import { useBoardColumns } from './useBoardColumns';
import { useLasso } from './useLasso';
import { BOARD_ORDER } from './boardColumns';
import { useViewStore } from '../stores/viewStore';
import { ViewBar } from '../queue/ViewBar';
import { TableView } from '../queue/TableView';
import { LanesBoard, type CardNav } from '../queue/LanesBoard';

/** The board column at a viewport point, if any (under the drag library's post-drop "honey pot" element). */
function columnUnder(input: { clientX: number; clientY: number }): PortState | undefined {
  for (const element of document.elementsFromPoint(input.clientX, input.clientY)) {
    const column = element.closest<HTMLElement>('.board .column[data-state]');
    if (column) return column.dataset.state as PortState;
  }
  return undefined;
}

/** The kanban board: columns by state, drag and drop, selection, keyboard moves. */
export function Board() {
  const { columns, rows, shown, total } = useBoardColumns();
  const layout = useViewStore((s) => s.layout);
  const lanes = useViewStore((s) => s.lanes);
  const status = usePortsStore((s) => s.status);
  const error = usePortsStore((s) => s.error);
  const collapsed = useBoardStore((s) => s.collapsed);
  const menuFor = useBoardStore((s) => s.menuFor);
  const openPort = useUiStore((s) => s.openPort);
  const setCreateOpen = useUiStore((s) => s.setCreateOpen);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const lasso = useLasso();
  const boardRef = useRef<HTMLDivElement>(null);
  const returnFocusTo = useUiStore((s) => s.returnFocusTo);

  // The detail panel closed from the keyboard: its port's card (board, lanes) or row (table) takes
  // focus back after this render, once the panel is gone and the card is drawn (the focused card
  // always is). Not found (filtered out, deleted), focus stays where the browser left it.
  useLayoutEffect(() => {
    if (returnFocusTo === null) return;
    const target = cardElement(returnFocusTo);
    if (target) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    useUiStore.getState().focusReturned();
  }, [returnFocusTo]);

  // Handlers below are stable (memoised cards) and read the latest columns through this ref.
  const columnsRef = useRef(columns);
  columnsRef.current = columns;
  const collapsedRef = useRef(collapsed);
  collapsedRef.current = collapsed;

  const selectionFor = useCallback((id: string): string[] => {
    const { selected } = useBoardStore.getState();
    return selected.has(id) ? [...selected] : [id];
  }, []);

  useEffect(
    () =>
      monitorForElements({
        canMonitor: ({ source }) => isCardDragData(source.data),
        onDragStart: ({ source }) => {
          if (!isCardDragData(source.data)) return;
          const byId = usePortsStore.getState().byId;
          const ids = selectionFor(source.data.id);
          const ports = ids.map((id) => byId.get(id)).filter((p): p is PortSummary => p !== undefined);
          useBoardStore.getState().setDrag({ ids, targets: commonTargets(ports) });
        },
        onDrop: ({ location }) => {
          const drag = useBoardStore.getState().drag;
          useBoardStore.getState().setDrag(null);
          if (!drag) return;
          const target = location.current.dropTargets[0]?.data;
          if (target?.kind === 'column') {
            void movePorts(drag.ids, target.state as PortState);
            return;
          }
          // Refused columns are no drop targets: the one under the pointer says why.
          const refused = columnUnder(location.current.input);
          if (refused) explainRefusedMove(drag.ids, refused);
        },
      }),
    [selectionFor],
  );

  // Near the board's left or right edge a dragged card scrolls the columns sideways (1280px screens
  // cannot show all seven). Re-attached when the board element appears after loading.
  const hasBoard = status === 'ready' && total > 0;
  useEffect(() => {
    const element = boardRef.current;
    if (!element || !hasBoard) return;
    return autoScrollForElements({ element, canScroll: ({ source }) => isCardDragData(source.data) });
  }, [hasBoard]);

  const openMenu = useCallback((port: PortSummary) => {
    const el = cardElement(port.id);
    setMenuAnchor(el);
    useBoardStore.getState().setFocused(port.id);
    useBoardStore.getState().setMenuFor(port.id);
  }, []);

  const closeMenu = useCallback(() => {
    const id = useBoardStore.getState().menuFor;
    useBoardStore.getState().setMenuFor(null);
    if (id) cardElement(id)?.focus();
  }, []);

  const onActivate = useCallback(
    (port: PortSummary, e: MouseEvent) => {
      const board = useBoardStore.getState();
      board.setFocused(port.id);
      if (e.metaKey || e.ctrlKey) {
        board.toggleSelected(port.id);
        return;
      }
      if (e.shiftKey && board.anchorId) {
        const list = columnsRef.current[port.state];
        const a = list.findIndex((p) => p.id === board.anchorId);
        const b = list.findIndex((p) => p.id === port.id);
        if (a >= 0 && b >= 0) {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          board.setSelected([...board.selected, ...list.slice(lo, hi + 1).map((p) => p.id)], board.anchorId);
          return;
        }
      }
      board.setSelected([], port.id);
      openPort(port.id);
    },
    [openPort],
  );

  const onToggle = useCallback((port: PortSummary) => {
    useBoardStore.getState().toggleSelected(port.id);
    useBoardStore.getState().setFocused(port.id);
  }, []);

  const onFocusCard = useCallback((port: PortSummary) => {
    if (useBoardStore.getState().focusedId !== port.id) useBoardStore.getState().setFocused(port.id);
  }, []);

  const onSelectAll = useCallback((ports: PortSummary[]) => {
    const board = useBoardStore.getState();
    if (ports.length === 0) board.clearSelection();
    else board.setSelected(ports.map((p) => p.id), ports[0]?.id ?? null);
  }, []);

  const onMove = useCallback((ids: string[], to: PortState) => {
    useBoardStore.getState().clearSelection();
    void movePorts(ids, to);
  }, []);

  // The card keys of the board and of its swimlanes; arrows go where `nav` says.
  const onCardKeyDown = useCallback((e: KeyboardEvent<HTMLElement>, nav: CardNav) => {
    const target = e.target as HTMLElement;
    const card = target.closest<HTMLElement>('[data-port-id]');
    if (!card || target !== card) return;
    const id = card.dataset.portId as string;
    const board = useBoardStore.getState();
    const port = usePortsStore.getState().byId.get(id);
    if (!port) return;
    if (e.key.startsWith('Arrow')) {
      const next = nav(id, e.key);
      if (next) board.setFocused(next);
    } else if (e.key === 'Enter') {
      openPort(id);
    } else if (e.key === 'm' || e.key === 'M') {
      openMenu(port);
    } else if (e.key === ' ' || e.key === 'x') {
      board.toggleSelected(id);
      useNoticeStore.getState().announce(`${port.name} ${board.selected.has(id) ? 'unselected' : 'selected'}`);
    } else if (e.key === 'Escape') {
      board.clearSelection();
    } else {
      return;
    }
    e.preventDefault();
  }, [openPort, openMenu]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => onCardKeyDown(e, (id, key) => nextFocus(columnsRef.current, collapsedRef.current, id, key));

  if (status === 'idle' || status === 'loading') return <BoardSkeleton />;
  if (status === 'error') {
    return (
      <div className="board-message" role="alert">
        <h2>Could not load ports</h2>
        <p>{error}</p>
      </div>
    );
  }

  return (
    <div className="board-screen">
      {/* Every screen has one level-one heading (Import, Sync, Settings show theirs): the board's is for screen readers. */}
      <h1 className="visually-hidden">Port board</h1>
      <FilterBar shown={shown} total={total} />
      <ViewBar rows={rows} />
      {total === 0 ? (
        <div className="board-message">
          <h2>No port requests yet</h2>
          <p className="muted">Create one to start tracking numbers from draft to completed.</p>
          <button type="button" className="btn btn-primary" onClick={() => setCreateOpen(true)}>
            Create your first port
          </button>
        </div>
      ) : layout === 'table' ? (
        <TableView rows={rows} />
      ) : lanes !== 'none' ? (
        <LanesBoard rows={rows} lane={lanes} onCardKeyDown={onCardKeyDown} onOpenMenu={openMenu} onFocusCard={onFocusCard} />
      ) : (
        <div ref={boardRef} className="board" onKeyDown={onKeyDown} onPointerDown={lasso.onPointerDown} aria-label="Port board" role="region" aria-describedby="board-help">
          <p id="board-help" className="visually-hidden">
            Arrow keys move between cards and columns, Enter opens a port, M opens Move to, X selects.
          </p>
          {BOARD_ORDER.map((state) => (
            <Column
              key={state}
              state={state}
              ports={columns[state]}
              collapsed={collapsed.has(state)}
              onActivate={onActivate}
              onToggle={onToggle}
              onOpenMenu={openMenu}
              onFocusCard={onFocusCard}
              onSelectAll={onSelectAll}
            />
          ))}
        </div>
      )}
      {lasso.rect && (
        <div
          className="lasso"
          aria-hidden="true"
          style={{ left: lasso.rect.left, top: lasso.rect.top, width: lasso.rect.right - lasso.rect.left, height: lasso.rect.bottom - lasso.rect.top }}
        />
      )}
      <BulkBar onMove={onMove} />
      {menuFor && (
        <MoveMenu
          ids={selectionFor(menuFor)}
          anchor={menuAnchor}
          title={`Move ${selectionFor(menuFor).length > 1 ? `${selectionFor(menuFor).length} ports` : `“${usePortsStore.getState().byId.get(menuFor)?.name ?? ''}”`} to`}
          onClose={closeMenu}
          onPick={(to) => {
            const ids = selectionFor(menuFor);
            closeMenu();
            if (ids.length > 1) useBoardStore.getState().clearSelection();
            void movePorts(ids, to);
          }}
        />
      )}
    </div>
  );
}

