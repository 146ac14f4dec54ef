import { useCallback, useRef, useState } from 'react';
import { useOutsidePointer } from '../ui/useOutsidePointer';
import type { PortSummary } from '../../../shared/model';
import type { Lane, Sort } from '../../../shared/domain/views';
import { useViewStore, type Layout } from '../stores/viewStore';
import { TABLE_COLUMN_DEFS } from './tableColumns';
import { SaveViewDialog } from './SaveViewDialog';
import { ExportDialog } from './ExportDialog';
import { TABLE_GROUP_BYS, type TableGroupBy } from './tableGroups';

const SORTS: { value: string; label: string; sort: Sort }[] = [
  { value: 'board', label: 'Due date, then updated', sort: { key: 'board', dir: 'asc' } },
  { value: 'due', label: 'FOC / transfer date', sort: { key: 'due', dir: 'asc' } },
  { value: 'daysInState', label: 'Days in state (longest first)', sort: { key: 'daysInState', dir: 'desc' } },
  { value: 'name', label: 'Name', sort: { key: 'name', dir: 'asc' } },
  { value: 'losingCarrier', label: 'Losing carrier', sort: { key: 'losingCarrier', dir: 'asc' } },
  { value: 'account', label: 'Account', sort: { key: 'account', dir: 'asc' } },
];

/** The table's column list: show or hide each one (sorting and widths are on the headers). */
function ColumnsMenu() {
  const columns = useViewStore((s) => s.columns);
  const setColumns = useViewStore((s) => s.setColumns);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useOutsidePointer(open, root, close);
  return (
    <div ref={root} className="popover-anchor" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" className="btn btn-sm" aria-expanded={open} onClick={() => setOpen(!open)}>
        Columns
      </button>
      {open && (
        <div className="filter-popover columns-popover" role="group" aria-label="Columns shown">
          {columns.map((c) => (
            <label key={c.id} className="check-row">
              <input
                type="checkbox"
                checked={!c.hidden}
                disabled={c.id === 'name'}
                onChange={() => setColumns(columns.map((x) => (x.id === c.id ? { ...x, hidden: !x.hidden } : x)))}
              />
              {TABLE_COLUMN_DEFS[c.id].label}
            </label>
          ))}
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setColumns(columns.map((c) => ({ id: c.id })))}>
            Reset widths and columns
          </button>
        </div>
      )}
    </div>
  );
}

const GROUP_LABELS: Record<TableGroupBy, string> = { none: 'None', state: 'By state', account: 'By account', losingCarrier: 'By losing carrier', remote: 'By remote' };

/** Board or table, sort, lanes or groups and columns, save the view, export it. */
export function ViewBar({ rows }: { rows: readonly PortSummary[] }) {
  const layout = useViewStore((s) => s.layout);
  const sort = useViewStore((s) => s.sort);
  const lanes = useViewStore((s) => s.lanes);
  const groupBy = useViewStore((s) => s.groupBy);
  const activeView = useViewStore((s) => s.activeView);
  const [dialog, setDialog] = useState<'save' | 'export' | null>(null);
  const sortValue = SORTS.find((s) => s.sort.key === sort.key)?.value ?? 'custom';
  const changed = () => useViewStore.getState().setActiveView(null);

  return (
    <div className="view-bar" role="toolbar" aria-label="View">
      <div className="segmented" role="radiogroup" aria-label="Layout">
        {(['board', 'table'] as Layout[]).map((l) => (
          <button key={l} type="button" role="radio" aria-checked={layout === l} className="segment" onClick={() => useViewStore.getState().setLayout(l)}>
            {l === 'board' ? 'Board' : 'Table'}
          </button>
        ))}
      </div>
      <label className="view-field">
        <span className="view-label">Sort</span>
        <select
          className="select input-select"
          value={sortValue}
          onChange={(e) => {
            const picked = SORTS.find((s) => s.value === e.target.value);
            if (picked) useViewStore.getState().setSort(picked.sort);
            changed();
          }}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
          {sortValue === 'custom' && <option value="custom">{`${TABLE_COLUMN_DEFS[sort.key as keyof typeof TABLE_COLUMN_DEFS]?.label ?? sort.key} (${sort.dir === 'asc' ? 'ascending' : 'descending'})`}</option>}
        </select>
      </label>
      {layout === 'board' ? (
        <label className="view-field">
          <span className="view-label">Lanes</span>
          <select
            className="select input-select input-select-lanes"
            value={lanes}
            onChange={(e) => {
              useViewStore.getState().setLanes(e.target.value as Lane);
              changed();
            }}
          >
            <option value="none">None</option>
            <option value="account">By account</option>
            <option value="losingCarrier">By losing carrier</option>
          </select>
        </label>
      ) : (
        <>
          <label className="view-field">
            <span className="view-label">Group</span>
            <select className="select input-select input-select-lanes" value={groupBy} onChange={(e) => useViewStore.getState().setGroupBy(e.target.value as TableGroupBy)}>
              {TABLE_GROUP_BYS.map((g) => (
                <option key={g} value={g}>
                  {GROUP_LABELS[g]}
                </option>
              ))}
            </select>
          </label>
          <ColumnsMenu />
        </>
      )}
      <span className="filter-spacer" />
      {activeView && <span className="view-active">View: {activeView}</span>}
      <button type="button" className="btn btn-sm" onClick={() => setDialog('save')}>
        Save view…
      </button>
      <button type="button" className="btn btn-sm" onClick={() => setDialog('export')} disabled={rows.length === 0}>
        Export…
      </button>
      {dialog === 'save' && <SaveViewDialog onClose={() => setDialog(null)} />}
      {dialog === 'export' && <ExportDialog ids={rows.map((p) => p.id)} onClose={() => setDialog(null)} />}
    </div>
  );
}
