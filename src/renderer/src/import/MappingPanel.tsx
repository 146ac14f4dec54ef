import { useEffect, useRef, useState } from 'react';
import type { ImportStatus, ImportTableView, ImportTargetInput } from '../../../shared/rpc/methods/import';
import { usePortsStore } from '../stores/portsStore';
import { useImportStore } from './importStore';

/**
 * How the file is read: which row is the header (a title block may sit above it), whether the
 * mapping was guessed or remembered, and where the numbers go: one port per value of a column,
 * one new port, or an existing one. Each choice applies at once. What each column is imported
 * as is chosen in the preview's column headers, right above the values.
 */
export function MappingPanel({ status }: { status: ImportStatus }) {
  const table = status.table!;
  return (
    <section className="imp-card imp-mapping" aria-label="How the file is read">
      <div className="imp-mapping-line">
        <HeaderRowPicker table={table} />
        <span className={`badge ${table.mappingSource === 'remembered' ? 'badge-ok' : 'badge-info'}`}>
          {table.mappingSource === 'remembered' ? 'Columns remembered for this layout' : table.mappingSource === 'guessed' ? 'Columns guessed' : 'Columns edited'}
        </span>
      </div>
      <PortsChoice status={status} />
    </section>
  );
}

/** A row as an option: its number and its first cells, enough to recognise a title or a header. */
function rowSummary(cells: readonly string[]): string {
  const text = cells.filter((c) => c !== '').join(' · ');
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}

/** "Header is row N" among the first rows as read, or no header at all. */
function HeaderRowPicker({ table }: { table: ImportTableView }) {
  const remap = useImportStore((s) => s.remap);
  if (table.headRows.length === 0) return null;
  const skipped = table.headerRow === null ? [] : table.headRows.filter((r) => r.row < table.headerRow!);
  return (
    <label className="imp-header-row">
      Header is
      <select
        className="select"
        aria-label="Header row"
        value={table.headerRow === null ? 'none' : String(table.headerRow)}
        onChange={(e) => void remap(e.target.value === 'none' ? { hasHeader: false } : { headerRow: Number(e.target.value) })}
      >
        <option value="none">no row: every row is data</option>
        {table.headRows.map((r) => (
          <option key={r.row} value={String(r.row)}>
            row {r.row}: {rowSummary(r.cells)}
          </option>
        ))}
      </select>
      {skipped.length > 0 && (
        <span className="muted">
          {skipped.length === 1 ? `row ${skipped[0]!.row} above it is` : `rows ${skipped[0]!.row}–${skipped[skipped.length - 1]!.row} above it are`} not imported
        </span>
      )}
    </label>
  );
}

/** Where the numbers go; choosing an option (or its column, name or port) applies it. */
function PortsChoice({ status }: { status: ImportStatus }) {
  const remap = useImportStore((s) => s.remap);
  const table = status.table!;
  const mapping = table.mapping;
  const ports = usePortsStore((s) => s.byId);
  const editable = [...ports.values()].filter((p) => p.state === 'unconfirmed' || p.state === 'rejected');
  const target = status.target;
  // Shown at once; the choice comes back from the re-check (which may turn it into another).
  const [kind, setKind] = useState(target.kind);
  useEffect(() => setKind(target.kind), [target.kind]);
  const [name, setName] = useState(target.kind === 'new' ? target.name : `Import of ${status.sourceName}`);
  useEffect(() => {
    if (target.kind === 'new') setName(target.name);
  }, [target]);
  const groupBy = mapping.groupBy ?? 0;
  const portId = target.kind === 'existing' ? target.portId : '';
  const portSelect = useRef<HTMLSelectElement>(null);

  const apply = (next: ImportTargetInput, by: number | null) => {
    setKind(next.kind);
    void remap({ target: next, mapping: { fields: mapping.fields, groupBy: by } });
  };
  const applyName = () => {
    const trimmed = name.trim();
    if (trimmed === '') setName(target.kind === 'new' ? target.name : `Import of ${status.sourceName}`);
    else if (target.kind !== 'new' || trimmed !== target.name) apply({ kind: 'new', name: trimmed }, null);
  };

  return (
    <fieldset className="imp-target">
      <legend>Ports</legend>
      <label>
        <input type="radio" name="imp-target" checked={kind === 'group'} onChange={() => apply({ kind: 'group' }, groupBy)} /> One port per value of
        <select className="select" aria-label="Group by column" value={groupBy} onChange={(e) => apply({ kind: 'group' }, Number(e.target.value))}>
          {table.headers.map((h, i) => (
            <option key={`${h}-${i}`} value={i}>
              {h}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="radio" name="imp-target" checked={kind === 'new'} onChange={() => apply({ kind: 'new', name: name.trim() || `Import of ${status.sourceName}` }, null)} /> All into a new port
        <input
          className="input"
          aria-label="New port name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={applyName}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyName();
          }}
        />
      </label>
      <label>
        {/* No port is chosen yet: the radio hands over to the port list, which applies. */}
        <input type="radio" name="imp-target" checked={kind === 'existing'} disabled={editable.length === 0} onChange={() => portSelect.current?.focus()} /> Add to
        <select
          ref={portSelect}
          className="select"
          aria-label="Existing port"
          value={portId}
          disabled={editable.length === 0}
          onChange={(e) => {
            if (e.target.value) apply({ kind: 'existing', portId: e.target.value }, null);
          }}
        >
          <option value="">{editable.length === 0 ? 'no editable port' : 'choose a port…'}</option>
          {editable.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
