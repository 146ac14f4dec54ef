import { memo, useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type CSSProperties, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { pinnedRange } from '../board/pinnedRange';
import { messageOf } from '../lib/messageOf';
import type { PortSummary } from '../../../shared/model';
import { isEditable, stateLabel } from '../../../shared/domain/states';
import { TABLE_COLUMNS, type ColumnId, type ColumnSetting, type Sort } from '../../../shared/domain/views';
import type { TextField } from '../detail/fieldDefs';
import { useBoardStore } from '../stores/boardStore';
import { useUiStore } from '../stores/uiStore';
import { useNoticeStore } from '../stores/noticeStore';
import { DEFAULT_WIDTHS, useViewStore } from '../stores/viewStore';
import { fieldLabel, useEditStore } from './editStore';
import { fieldProblem } from '../../../shared/domain/fieldProblems';
import { TABLE_COLUMN_DEFS, type CellContext } from './tableColumns';
import { PasteDialog } from './PasteDialog';
import { tableGroups, tableItems, type TableGroup, type TableGroupBy } from './tableGroups';
import { useSyncStore } from '../sync/syncStore';
import { Icon } from '../ui/Icon';

export const ROW_HEIGHT = 36;
const CHECK_WIDTH = 36;

interface Editing {
  id: string;
  col: ColumnId;
  value: string;
  error: string | null;
}

function widthOf(c: ColumnSetting): number {
  return c.width ?? DEFAULT_WIDTHS[c.id];
}

/**
 * The ports as a spreadsheet-like grid: one row per port, virtualised (10,000 rows render ~30),
 * sortable, resizable and hideable columns, the board's selection, inline edits checked like the
 * detail form, and a pasted spreadsheet block applied to the selected rows.
 */
export function TableView({ rows: viewRows }: { rows: PortSummary[] }) {
  const columns = useViewStore((s) => s.columns);
  const groupBy = useViewStore((s) => s.groupBy);
  const remotes = useSyncStore((s) => s.remotes);
  const [collapsed, setCollapsed] = useState<{ by: TableGroupBy; keys: ReadonlySet<string> }>({ by: groupBy, keys: new Set() });
  const collapsedKeys = collapsed.by === groupBy ? collapsed.keys : NO_KEYS;
  // Grouped, the rows shown are the open groups' ports in group order; keyboard moves, ranges and
  // select-all work on them, and the virtual list also draws each group's header line.
  const groups = useMemo(() => {
    if (groupBy === 'none') return null;
    const names = new Map(remotes.map((r) => [r.id, r.name]));
    return tableGroups(viewRows, groupBy, (id) => names.get(id) ?? id);
  }, [viewRows, groupBy, remotes]);
  const { rows, items: lines } = useMemo(() => (groups ? tableItems(groups, collapsedKeys) : { rows: viewRows, items: null }), [groups, collapsedKeys, viewRows]);
  const lineOfRow = useMemo(() => {
    if (!lines) return null;
    const out = new Int32Array(rows.length);
    lines.forEach((line, i) => line.kind === 'row' && (out[line.row] = i));
    return out;
  }, [lines, rows]);
  useEffect(() => {
    if (groupBy === 'remote') void useSyncStore.getState().refresh();
  }, [groupBy]);
  const toggleGroup = useCallback(
    (key: string) =>
      setCollapsed((c) => {
        const keys = new Set(c.by === groupBy ? c.keys : []);
        if (!keys.delete(key)) keys.add(key);
        return { by: groupBy, keys };
      }),
    [groupBy],
  );
  const sort = useViewStore((s) => s.sort);
  const thresholds = useViewStore((s) => s.thresholds);
  const selected = useBoardStore((s) => s.selected);
  const focusedId = useBoardStore((s) => s.focusedId);
  const [focusCol, setFocusCol] = useState(0);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [paste, setPaste] = useState<{ text: string; field: TextField } | null>(null);
  const [widths, setWidths] = useState<Partial<Record<ColumnId, number>>>({});
  const scrollRef = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => columns.filter((c) => !c.hidden), [columns]);
  // Column widths are CSS variables on the table, read by every cell: a resize drag or a column's
  // new width restyles the cells without re-rendering a row.
  const widthVars = useMemo(() => {
    const vars: Record<string, string> = {};
    let total = CHECK_WIDTH;
    for (const c of shown) {
      const width = widths[c.id] ?? widthOf(c);
      vars[`--w-${c.id}`] = `${width}px`;
      total += width;
    }
    vars['--ptable-width'] = `${total}px`;
    return vars as CSSProperties;
  }, [shown, widths]);
  // "Now" for days-left and days-in-state: taken again whenever the rows change.
  const ctx = useMemo<CellContext>(() => ({ now: Date.now(), today: new Date(), thresholds }), [thresholds, rows]); // eslint-disable-line react-hooks/exhaustive-deps

  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  // Positions by id, built on first use after the rows change: a sort with no row focused re-renders without it.
  const indexById = useMemo(() => {
    let map: Map<string, number> | undefined;
    return { get: (id: string) => (map ??= new Map(rows.map((p, i) => [p.id, i]))).get(id) };
  }, [rows]);
  const focusRow = useMemo(() => (focusedId !== null ? (indexById.get(focusedId) ?? -1) : -1), [indexById, focusedId]);

  // The tab stop's line (the focused row, else the first) is always drawn, as on the board: Tab
  // and the detail panel's Escape find it however far the table is scrolled from it.
  const tabStopRow = rows.length === 0 ? -1 : focusRow >= 0 ? focusRow : 0;
  const pinLine = tabStopRow < 0 ? -1 : lineOfRow ? (lineOfRow[tabStopRow] ?? -1) : tabStopRow;
  const rangeExtractor = useMemo(() => pinnedRange(pinLine), [pinLine]);
  const virtualizer = useVirtualizer({ count: lines ? lines.length : rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 4, rangeExtractor });

  // Keyboard focus follows the focused cell, scrolled in first (it may not be rendered yet).
  useEffect(() => {
    if (focusRow < 0 || editing) return;
    virtualizer.scrollToIndex(lineOfRow ? (lineOfRow[focusRow] ?? 0) : focusRow, { align: 'auto' });
    const frame = requestAnimationFrame(() => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row="${focusRow}"] [data-col="${focusCol}"]`);
      if (el && scrollRef.current?.contains(document.activeElement) && document.activeElement !== el) el.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [focusRow, focusCol, editing, virtualizer, lineOfRow]);

  const setSort = useCallback((id: ColumnId) => {
    const view = useViewStore.getState();
    const next = view.sort.key === id ? { key: id, dir: view.sort.dir === 'asc' ? ('desc' as const) : ('asc' as const) } : { key: id, dir: 'asc' as const };
    view.setSort(next);
    view.setActiveView(null);
  }, []);

  const startResize = useCallback((e: PointerEvent<HTMLSpanElement>, c: ColumnSetting) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const start = widthOf(c);
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    let width = start;
    const move = (ev: globalThis.PointerEvent) => {
      width = Math.max(56, Math.min(800, Math.round(start + ev.clientX - startX)));
      setWidths((w) => ({ ...w, [c.id]: width }));
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      const state = useViewStore.getState();
      state.setColumns(state.columns.map((x) => (x.id === c.id ? { ...x, width } : x)));
      setWidths({});
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  }, []);

  const beginEdit = useCallback(
    (port: PortSummary, colIndex: number) => {
      const col = shown[colIndex];
      const field = col ? TABLE_COLUMN_DEFS[col.id].edit : undefined;
      if (!col || !field) return false;
      if (!isEditable(port.state)) {
        useNoticeStore.getState().toast('info', `“${port.name}” is ${stateLabel(port.state)}: only unconfirmed or rejected ports can be edited`);
        return true;
      }
      setEditing({ id: port.id, col: col.id, value: port[field], error: null });
      return true;
    },
    [shown],
  );

  const commitEdit = async (move: 0 | 1) => {
    if (!editing) return;
    const field = TABLE_COLUMN_DEFS[editing.col].edit as TextField;
    const value = editing.value.trim();
    const error = fieldProblem(field, value);
    if (error) return setEditing({ ...editing, error });
    const port = rows[indexById.get(editing.id) ?? -1];
    if (port && port[field] !== value) {
      try {
        await useEditStore.getState().apply([{ id: editing.id, patch: { [field]: value } }], `Edited ${fieldLabel(field)}`);
      } catch (err) {
        return setEditing({ ...editing, error: messageOf(err) });
      }
    }
    setEditing(null);
    if (move && focusRow >= 0 && focusRow + 1 < rows.length) useBoardStore.getState().setFocused(rows[focusRow + 1]!.id);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-row="${focusRow + move}"] [data-col="${focusCol}"]`)?.focus());
  };

  const selectRange = (from: number, to: number, keep: boolean) => {
    const [lo, hi] = from < to ? [from, to] : [to, from];
    const board = useBoardStore.getState();
    const ids = rowsRef.current.slice(lo, hi + 1).map((p) => p.id);
    board.setSelected(keep ? [...board.selected, ...ids] : ids, board.anchorId);
  };

  const onCellClick = (e: MouseEvent, index: number, colIndex: number) => {
    const port = rows[index];
    if (!port) return;
    const board = useBoardStore.getState();
    setFocusCol(colIndex);
    board.setFocused(port.id);
    if (e.metaKey || e.ctrlKey) board.toggleSelected(port.id);
    else if (e.shiftKey && board.anchorId) selectRange(indexById.get(board.anchorId) ?? index, index, true);
    else board.setSelected([port.id], port.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || !(e.target instanceof HTMLElement) || !e.target.closest('[data-col]')) return;
    const board = useBoardStore.getState();
    const index = focusRow < 0 ? 0 : focusRow;
    const port = rows[index];
    if (!port) return;
    const go = (next: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, next));
      board.setFocused(rows[clamped]!.id);
      if (e.shiftKey) selectRange(indexById.get(board.anchorId ?? port.id) ?? index, clamped, false);
      else board.setSelected(board.selected, rows[clamped]!.id);
    };
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    if (e.key === 'ArrowDown') go(index + 1);
    else if (e.key === 'ArrowUp') go(index - 1);
    else if (e.key === 'PageDown') go(index + page);
    else if (e.key === 'PageUp') go(index - page);
    else if (e.key === 'Home' && e.ctrlKey) go(0);
    else if (e.key === 'End' && e.ctrlKey) go(rows.length - 1);
    else if (e.key === 'ArrowRight') setFocusCol(Math.min(shown.length - 1, focusCol + 1));
    else if (e.key === 'ArrowLeft') setFocusCol(Math.max(0, focusCol - 1));
    else if (e.key === 'Home') setFocusCol(0);
    else if (e.key === 'End') setFocusCol(shown.length - 1);
    else if (e.key === 'F2') beginEdit(port, focusCol);
    else if (e.key === 'Enter') useUiStore.getState().openPort(port.id);
    else if (e.key === ' ') {
      board.toggleSelected(port.id);
      useNoticeStore.getState().announce(`${port.name} ${board.selected.has(port.id) ? 'unselected' : 'selected'}`);
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) board.setSelected(rows.map((p) => p.id), port.id);
    else if (e.key === 'Escape') board.clearSelection();
    else return;
    e.preventDefault();
  };

  // Ctrl+V with rows selected: the copied spreadsheet cells go onto them, in order, after a preview.
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const typing = e.target instanceof HTMLTextAreaElement || (e.target instanceof HTMLInputElement && e.target.type !== 'checkbox');
    if (editing || typing) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text.trim()) return;
    e.preventDefault();
    if (useBoardStore.getState().selected.size === 0) {
      useNoticeStore.getState().toast('info', 'Select the rows to paste onto first (click, Shift+click, Ctrl+A)');
      return;
    }
    const col = shown[focusCol];
    setPaste({ text, field: (col && TABLE_COLUMN_DEFS[col.id].edit) || 'accountNumber' });
  };

  // Rows are memoised: the handlers they get stay the same objects and read the latest state
  // through this ref, so a scrolled frame renders only the rows that came into view.
  const latest = useRef({ commitEdit, focusCol });
  latest.current = { commitEdit, focusCol };
  const onEditChange = useCallback((value: string) => setEditing((x) => (x ? { ...x, value, error: null } : x)), []);
  const onEditCommit = useCallback((move: 0 | 1) => void latest.current.commitEdit(move), []);
  const onEditCancel = useCallback((index: number) => {
    setEditing(null);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-row="${index}"] [data-col="${latest.current.focusCol}"]`)?.focus());
  }, []);

  // Cells have no handlers of their own: clicks, double clicks and tooltips are the body's, for the
  // cell under the pointer. A tooltip is worked out when the pointer enters its cell, not per render.
  const cellAt = (e: MouseEvent) => {
    const cell = e.target instanceof Element ? e.target.closest<HTMLElement>('.ptable-td[data-col]') : null;
    const row = cell?.closest<HTMLElement>('[data-row]');
    const port = row ? rows[Number(row.dataset.row)] : undefined;
    if (!cell || !row || !port || cell.classList.contains('is-editing')) return null;
    return { cell, port, index: Number(row.dataset.row), col: Number(cell.dataset.col) };
  };
  const onBodyClick = (e: MouseEvent) => {
    const at = cellAt(e);
    if (at) onCellClick(e, at.index, at.col);
  };
  const onBodyDoubleClick = (e: MouseEvent) => {
    const at = cellAt(e);
    if (at && !beginEdit(at.port, at.col)) useUiStore.getState().openPort(at.port.id);
  };
  const onBodyPointerOver = (e: MouseEvent) => {
    const at = cellAt(e);
    const column = at && shown[at.col];
    if (!at || !column) return;
    const title = TABLE_COLUMN_DEFS[column.id].title?.(at.port, ctx);
    if (title) at.cell.title = title;
    else at.cell.removeAttribute('title');
  };

  // Pasted values go onto the selected rows in the order shown, those in closed groups included.
  const selectedRows = paste ? (groups ? groups.flatMap((g) => g.ports) : rows).filter((p) => selected.has(p.id)) : [];
  const allSelected = rows.length > 0 && selected.size >= rows.length && rows.every((p) => selected.has(p.id));
  const items = virtualizer.getVirtualItems();
  // Rows are keyed by slot, not by position: a row scrolled out hands its elements to the one
  // scrolled in, which updates a few texts instead of building a row. Slots only grow (a taller
  // window), so a contiguous range of lines never shares one. Rows are placed by their transform
  // and stay in slot order in the DOM, so scrolling moves no element (screen readers get each
  // row's place from aria-rowindex).
  // The pinned line, away from the drawn range, may share its slot with a line of the range: that
  // line takes a spare key, never the pinned one, whose row keeps its element (and the keyboard
  // focus in it) as the range scrolls back to it.
  const detached = pinLine >= 0 && items.length > 1 && !items.some((i) => i.index === pinLine - 1 || i.index === pinLine + 1);
  const slots = useRef(0);
  slots.current = Math.max(slots.current, items.length - (detached ? 1 : 0));
  const slotKey = (line: number) => (detached && line !== pinLine && line % slots.current === pinLine % slots.current ? slots.current : line % slots.current);
  const inSlotOrder = [...items].sort((a, b) => slotKey(a.index) - slotKey(b.index));

  return (
    <div className="ptable" style={widthVars} onKeyDown={onKeyDown} onPaste={onPaste}>
      <div
        ref={scrollRef}
        className="ptable-scroll"
        role="grid"
        aria-label="Ports"
        aria-rowcount={(lines ? lines.length : rows.length) + 1}
        aria-colcount={shown.length + 1}
        aria-multiselectable="true"
        aria-describedby="ptable-help"
      >
        <p id="ptable-help" className="visually-hidden">
          Arrow keys move between cells, Space selects, Shift+arrows extend the selection, F2 edits a cell, Enter opens the port, Ctrl+V pastes copied cells onto the selected rows.
        </p>
        <TableHeader shown={shown} sort={sort} allSelected={allSelected} rows={rows} onSort={setSort} onResizeStart={startResize} />
        {rows.length === 0 ? (
          <div className="ptable-empty">No ports match these filters.</div>
        ) : (
          <div className="ptable-body" style={{ height: virtualizer.getTotalSize() }} onClick={onBodyClick} onDoubleClick={onBodyDoubleClick} onPointerOver={onBodyPointerOver}>
            {inSlotOrder.map((item) => {
              const line = lines?.[item.index];
              if (line?.kind === 'group') {
                const { group } = line;
                return (
                  <GroupRow key={slotKey(item.index)} group={group} collapsed={line.collapsed} start={item.start} ariaIndex={item.index + 2} colSpan={shown.length + 1} selected={selected} onToggle={toggleGroup} />
                );
              }
              const index = line ? line.row : item.index;
              const port = rows[index] as PortSummary;
              return (
                <TableRow
                  key={slotKey(item.index)}
                  index={index}
                  ariaIndex={item.index + 2}
                  start={item.start}
                  port={port}
                  shown={shown}
                  ctx={ctx}
                  selected={selected.has(port.id)}
                  focusCol={focusRow === index ? focusCol : focusRow < 0 && index === 0 ? 0 : -1}
                  editing={editing?.id === port.id ? editing : null}
                  onEditChange={onEditChange}
                  onEditCommit={onEditCommit}
                  onEditCancel={onEditCancel}
                />
              );
            })}
          </div>
        )}
      </div>
      {paste && <PasteDialog text={paste.text} ports={selectedRows} firstField={paste.field} onClose={() => setPaste(null)} />}
    </div>
  );
}

const NO_KEYS: ReadonlySet<string> = new Set();

/** Each column's cells read their width from the table's variable: one style object per column, never rebuilt. */
const CELL_STYLE = Object.fromEntries(TABLE_COLUMNS.map((id) => [id, { width: `var(--w-${id})` }])) as Record<ColumnId, CSSProperties>;

interface HeaderProps {
  shown: ColumnSetting[];
  sort: Sort;
  allSelected: boolean;
  rows: PortSummary[];
  onSort(id: ColumnId): void;
  onResizeStart(e: PointerEvent<HTMLSpanElement>, c: ColumnSetting): void;
}

/** The header line: select all, a sort button and a resize handle per column. Not re-rendered by scrolling. */
const TableHeader = memo(function TableHeader({ shown, sort, allSelected, rows, onSort, onResizeStart }: HeaderProps) {
  return (
    <div className="ptable-head" role="row" aria-rowindex={1}>
      <span className="ptable-check" role="columnheader">
        <input
          type="checkbox"
          aria-label="Select all rows"
          checked={allSelected}
          disabled={rows.length === 0}
          onChange={() => (allSelected ? useBoardStore.getState().clearSelection() : useBoardStore.getState().setSelected(rows.map((p) => p.id)))}
        />
      </span>
      {shown.map((c) => {
        const def = TABLE_COLUMN_DEFS[c.id];
        const dir = sort.key === c.id ? sort.dir : null;
        return (
          <span
            key={c.id}
            className={`ptable-th${def.align === 'end' ? ' is-end' : ''}`}
            role="columnheader"
            aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
            style={CELL_STYLE[c.id]}
          >
            <button type="button" className="ptable-sort" onClick={() => onSort(c.id)} title={`Sort by ${def.label}`}>
              <span className="ptable-sort-label">{def.label}</span>
              {dir && <span aria-hidden="true" className="ptable-arrow">{dir === 'asc' ? '▲' : '▼'}</span>}
            </button>
            <span className="ptable-resize" role="separator" aria-orientation="vertical" aria-label={`Resize ${def.label}`} onPointerDown={(e) => onResizeStart(e, c)} />
          </span>
        );
      })}
    </div>
  );
});

interface GroupRowProps {
  group: TableGroup;
  collapsed: boolean;
  start: number;
  ariaIndex: number;
  colSpan: number;
  selected: ReadonlySet<string>;
  onToggle(key: string): void;
}

/** A group's header line: open or close it, select all its ports, and its count. */
const GroupRow = memo(function GroupRow({ group, collapsed, start, ariaIndex, colSpan, selected, onToggle }: GroupRowProps) {
  const all = group.ports.every((p) => selected.has(p.id));
  return (
    <div className="ptable-row ptable-group" role="row" aria-rowindex={ariaIndex} data-group={group.key} style={{ transform: `translateY(${start}px)` }}>
      <span className="ptable-check" role="gridcell">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select all in ${group.label}`}
          checked={all}
          onChange={() => {
            const board = useBoardStore.getState();
            const ids = group.ports.map((p) => p.id);
            if (all) board.setSelected([...board.selected].filter((id) => !ids.includes(id)), board.anchorId);
            else board.setSelected([...board.selected, ...ids], ids[0] ?? null);
          }}
        />
      </span>
      <span className="ptable-group-cell" role="gridcell" aria-colspan={colSpan - 1}>
        <button type="button" className="ptable-group-toggle" aria-expanded={!collapsed} onClick={() => onToggle(group.key)}>
          <Icon name={collapsed ? 'chevronRight' : 'chevronDown'} />
          <span className="ptable-group-label">{group.label}</span>
          <span className="column-count tabular" aria-label={`${group.ports.length} ${group.ports.length === 1 ? 'port' : 'ports'}`}>
            {group.ports.length}
          </span>
        </button>
      </span>
    </div>
  );
});

interface RowProps {
  index: number;
  /** The row's position among the grid's lines (1 is the header), group headers included. */
  ariaIndex: number;
  start: number;
  port: PortSummary;
  shown: ColumnSetting[];
  ctx: CellContext;
  selected: boolean;
  /** The column holding keyboard focus in this row, -1 when the row has none. */
  focusCol: number;
  editing: Editing | null;
  onEditChange(value: string): void;
  onEditCommit(move: 0 | 1): void;
  onEditCancel(index: number): void;
}

const TableRow = memo(function TableRow({ index, ariaIndex, start, port, shown, ctx, selected, focusCol, editing, onEditChange, onEditCommit, onEditCancel }: RowProps) {
  return (
    <div
      className={`ptable-row${selected ? ' is-selected' : ''}${index % 2 ? ' is-odd' : ''}${editing ? ' is-editing-row' : ''}`}
      role="row"
      aria-rowindex={ariaIndex}
      aria-selected={selected}
      data-row={index}
      data-port-id={port.id}
      style={{ transform: `translateY(${start}px)` }}
    >
      <span className="ptable-check" role="gridcell">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${port.name}`}
          checked={selected}
          onChange={() => {
            useBoardStore.getState().toggleSelected(port.id);
            useBoardStore.getState().setFocused(port.id);
          }}
        />
      </span>
      {shown.map((c, colIndex) => {
        const def = TABLE_COLUMN_DEFS[c.id];
        const isEditing = editing?.col === c.id;
        if (isEditing && editing && def.edit) {
          const field = def.edit;
          return (
            <span key={c.id} className="ptable-td is-editing" role="gridcell" data-col={colIndex} style={CELL_STYLE[c.id]}>
              <input
                className="ptable-input"
                type={field === 'focDate' || field === 'transferDate' ? 'date' : 'text'}
                aria-label={`${fieldLabel(field)} of ${port.name}`}
                aria-invalid={editing.error ? true : undefined}
                aria-describedby={editing.error ? `cell-err-${port.id}` : undefined}
                autoFocus
                value={editing.value}
                onChange={(e) => onEditChange(e.target.value)}
                onKeyDown={(e) => {
                  e.stopPropagation();
                  if (e.key === 'Enter') onEditCommit(1);
                  else if (e.key === 'Escape') onEditCancel(index);
                  else if (e.key === 'Tab') {
                    e.preventDefault();
                    onEditCommit(0);
                  }
                }}
              />
              {editing.error && (
                <span id={`cell-err-${port.id}`} className="ptable-error" role="alert">
                  {editing.error}
                </span>
              )}
            </span>
          );
        }
        return (
          <span
            key={c.id}
            className={`ptable-td${def.align === 'end' ? ' is-end' : ''}${def.edit && (port.state === 'unconfirmed' || port.state === 'rejected') ? ' is-editable' : ''}`}
            role="gridcell"
            data-col={colIndex}
            tabIndex={focusCol === colIndex ? 0 : -1}
            style={CELL_STYLE[c.id]}
          >
            {def.render(port, ctx)}
          </span>
        );
      })}
    </div>
  );
});
