import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImportFieldName, ImportRowView } from '../../../shared/rpc/methods/import';
import { FIELD_LABELS } from './fieldLabels';

const ROW_HEIGHT = 34;

interface PreviewTableProps {
  headers: string[];
  /** What each column is imported as (null: ignored), chosen in its header. */
  fields: ReadonlyArray<ImportFieldName | null>;
  onField(column: number, field: ImportFieldName | null): void;
  total: number;
  rowAt(index: number): ImportRowView | { row: number; cells: string[] } | undefined;
  /** Save a fixed cell; absent while rows are still being checked. */
  onFix?: (row: ImportRowView, column: number, value: string) => Promise<void>;
  emptyText: string;
}

function isChecked(row: ImportRowView | { row: number; cells: string[] }): row is ImportRowView {
  return 'status' in row;
}

/**
 * Where a row without problems goes. After the portability check it also says "Portable", so
 * the specialist sees a verdict per number (not portable ones are listed as problems, with why).
 */
function okSummary(row: ImportRowView): string {
  const where = row.numbers.length > 1 ? `${row.numbers.length} numbers → ${row.group}` : `→ ${row.group}`;
  const checkedPortable = row.numbers.length > 0 && row.numbers.every((n) => n.portable === true);
  return checkedPortable ? `Portable ${where}` : where;
}

const LABELS = new Map<ImportFieldName, string>(FIELD_LABELS);

/**
 * A column's least width in px: 150, or wide enough for the chosen field's label in its select
 * (7 px a character at the select's small size is above the average letter, plus arrow and
 * padding). In px, not ch: the header and the rows have different font sizes but one template.
 */
function columnMin(field: ImportFieldName | null): number {
  const label = field ? (LABELS.get(field) ?? '') : 'Ignore';
  return Math.max(150, label.length * 7 + 40);
}

/**
 * The rows of an import, virtualised (100k rows stay smooth). Each row shows its problems
 * (row and column named in the message); a cell of a row with a problem can be edited in place.
 */
export function PreviewTable({ headers, fields, onField, total, rowAt, onFix, emptyText }: PreviewTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<{ row: number; column: number; value: string } | null>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  // Fixed minimums shared by the header and every row, so columns line up whatever a cell holds.
  // The check (where a row goes, or its problem) comes first, so a wide file keeps it in view.
  // A column is at least as wide as the choice its select shows ("Port name / company").
  const columns = headers.map((_, i) => columnMin(fields[i] ?? null));
  const template = `56px minmax(300px, 2fr) ${columns.map((min) => `minmax(${min}px, 1fr)`).join(' ')}`;
  const minWidth = 56 + 300 + columns.reduce((sum, w) => sum + w, 0) + 24 + (headers.length + 1) * 8;

  const save = async (row: ImportRowView) => {
    if (!editing || !onFix) return;
    const { column, value } = editing;
    setEditing(null);
    if (value !== (row.cells[column] ?? '')) await onFix(row, column, value);
  };

  return (
    <div className="imp-table" role="table" aria-label="Import preview" aria-rowcount={total + 1}>
      <div className="imp-scroll" ref={scrollRef}>
        <div className="imp-head" role="row" style={{ gridTemplateColumns: template, minWidth }}>
          <span role="columnheader">Row</span>
          <span role="columnheader">Check</span>
          {headers.map((h, i) => (
            <span role="columnheader" key={`${h}-${i}`}>
              <span className="imp-head-name" title={h}>
                {h}
              </span>
              <select
                className={`select imp-head-select${fields[i] ? ' imp-head-field' : ''}`}
                aria-label={`Column ${h}`}
                value={fields[i] ?? ''}
                onChange={(e) => onField(i, e.target.value === '' ? null : (e.target.value as ImportFieldName))}
              >
                <option value="">Ignore</option>
                {FIELD_LABELS.map(([f, label]) => (
                  <option key={f} value={f}>
                    {label}
                  </option>
                ))}
              </select>
            </span>
          ))}
        </div>
        {total === 0 ? (
          <p className="imp-empty muted">{emptyText}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rowAt(item.index);
              const style = { transform: `translateY(${item.start}px)`, gridTemplateColumns: template, height: ROW_HEIGHT };
              if (!row) {
                return <div key={item.key} className="imp-row imp-row-loading" style={style} role="row" aria-busy="true" />;
              }
              const checked = isChecked(row);
              const status = checked ? row.status : 'pending';
              const problems = checked ? row.problems : [];
              const summary = problems.length > 0 ? problems[0]!.message : checked ? okSummary(row) : 'Checking…';
              return (
                <div key={item.key} className={`imp-row imp-row-${status}`} style={style} role="row" aria-label={`Row ${row.row}`}>
                  <span role="cell" className="imp-rownum">
                    {row.row}
                  </span>
                  <span role="cell" className={`imp-check imp-check-${status}`} title={problems.map((p) => p.message).join('\n') || summary}>
                    <span className={`imp-dot imp-dot-${status}`} aria-hidden="true" />
                    <span className="imp-check-text">{summary}</span>
                    {problems.length > 1 && <span className="badge">+{problems.length - 1}</span>}
                  </span>
                  {headers.map((h, col) => {
                    const isEditing = editing?.row === row.row && editing.column === col;
                    const value = row.cells[col] ?? '';
                    const bad = problems.some((p) => p.column === h && p.severity === 'error');
                    if (isEditing && checked) {
                      return (
                        <span role="cell" key={col}>
                          <input
                            className="input imp-cell-input"
                            aria-label={`Row ${row.row}, ${h}`}
                            autoFocus
                            value={editing.value}
                            onChange={(e) => setEditing({ ...editing, value: e.target.value })}
                            onBlur={() => void save(row)}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') void save(row);
                              if (e.key === 'Escape') setEditing(null);
                            }}
                          />
                        </span>
                      );
                    }
                    const editable = checked && onFix !== undefined;
                    return (
                      <span role="cell" key={col} className={bad ? 'imp-cell imp-cell-bad' : 'imp-cell'} title={value}>
                        {editable ? (
                          <button type="button" className="imp-cell-btn" aria-label={`Edit row ${row.row}, ${h}: ${value || 'empty'}`} onClick={() => setEditing({ row: row.row, column: col, value })}>
                            {value || <span className="muted">—</span>}
                          </button>
                        ) : (
                          value
                        )}
                      </span>
                    );
                  })}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
