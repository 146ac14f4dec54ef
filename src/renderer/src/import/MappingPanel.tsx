import { useEffect, useState } from 'react';
import type { ImportFieldName, ImportStatus, ImportTargetInput } from '../../../shared/rpc/methods/import';
import { usePortsStore } from '../stores/portsStore';
import { FIELD_LABELS } from './fieldLabels';
import { useImportStore } from './importStore';

type TargetKind = ImportTargetInput['kind'];

/**
 * What each column is imported as (guessed, or remembered from the last file of this layout),
 * and where the numbers go: one port per value of a column, one new port, or an existing one.
 */
export function MappingPanel({ status }: { status: ImportStatus }) {
  const remap = useImportStore((s) => s.remap);
  const table = status.table!;
  const mapping = table.mapping;
  const ports = usePortsStore((s) => s.byId);
  const editable = [...ports.values()].filter((p) => p.state === 'unconfirmed' || p.state === 'rejected');
  const target = status.target;
  const [kind, setKind] = useState<TargetKind>(target.kind);
  const [name, setName] = useState(target.kind === 'new' ? target.name : `Import of ${status.sourceName}`);
  const [portId, setPortId] = useState(target.kind === 'existing' ? target.portId : '');
  useEffect(() => setKind(target.kind), [target.kind]);
  const [groupBy, setGroupBy] = useState<number>(mapping.groupBy ?? 0);
  useEffect(() => setGroupBy(mapping.groupBy ?? 0), [mapping.groupBy]);

  const setField = (col: number, value: string) => {
    const fields = mapping.fields.map((f, i) => (i === col ? (value === '' ? null : (value as ImportFieldName)) : f));
    void remap({ mapping: { fields, groupBy: mapping.groupBy } });
  };
  const applyTarget = () => {
    if (kind === 'group') void remap({ target: { kind: 'group' }, mapping: { fields: mapping.fields, groupBy } });
    else if (kind === 'new') void remap({ target: { kind: 'new', name }, mapping: { fields: mapping.fields, groupBy: null } });
    else if (portId) void remap({ target: { kind: 'existing', portId }, mapping: { fields: mapping.fields, groupBy: null } });
  };

  return (
    <section className="imp-card imp-mapping" aria-labelledby="imp-map-title">
      <div className="imp-card-head">
        <h2 id="imp-map-title">Columns</h2>
        <span className={`badge ${table.mappingSource === 'remembered' ? 'badge-ok' : 'badge-info'}`}>
          {table.mappingSource === 'remembered' ? 'Remembered for this layout' : table.mappingSource === 'guessed' ? 'Guessed' : 'Edited'}
        </span>
      </div>
      <div className="imp-map-grid">
        {table.headers.map((h, col) => (
          <label key={`${h}-${col}`} className="imp-map-item">
            <span className="imp-map-header" title={h}>
              {h}
            </span>
            <select className="select" aria-label={`Column ${h}`} value={mapping.fields[col] ?? ''} onChange={(e) => setField(col, e.target.value)}>
              <option value="">Ignore</option>
              {FIELD_LABELS.map(([f, label]) => (
                <option key={f} value={f}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <fieldset className="imp-target">
        <legend>Ports</legend>
        <label>
          <input type="radio" name="imp-target" checked={kind === 'group'} onChange={() => setKind('group')} /> One port per value of
          <select className="select" aria-label="Group by column" value={groupBy} disabled={kind !== 'group'} onChange={(e) => setGroupBy(Number(e.target.value))}>
            {table.headers.map((h, i) => (
              <option key={`${h}-${i}`} value={i}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="radio" name="imp-target" checked={kind === 'new'} onChange={() => setKind('new')} /> All into a new port
          <input className="input" aria-label="New port name" value={name} disabled={kind !== 'new'} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <input type="radio" name="imp-target" checked={kind === 'existing'} onChange={() => setKind('existing')} disabled={editable.length === 0} /> Add to
          <select className="select" aria-label="Existing port" value={portId} disabled={kind !== 'existing'} onChange={(e) => setPortId(e.target.value)}>
            <option value="">{editable.length === 0 ? 'no editable port' : 'choose a port…'}</option>
            {editable.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-sm" onClick={applyTarget} disabled={kind === 'existing' && !portId}>
          Apply
        </button>
      </fieldset>
    </section>
  );
}
