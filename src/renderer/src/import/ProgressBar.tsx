import type { ImportStatus } from '../../../shared/rpc/methods/import';

/** Rows checked so far with the rate, and Cancel, while the worker reads a large source. */
export function ProgressBar({ status, onCancel }: { status: ImportStatus; onCancel(): void }) {
  const progress = status.progress;
  const total = progress?.total ?? status.table?.totalRows ?? 0;
  const done = progress?.done ?? 0;
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  const label =
    status.state === 'reading' ? `Reading ${status.sourceName}…` : progress ? `Checked ${done.toLocaleString()} of ${total.toLocaleString()} rows` : `Checking ${total.toLocaleString()} rows…`;
  return (
    <div className="imp-progress" role="group" aria-label="Import progress">
      <div className="imp-progress-text">
        <span>{label}</span>
        {progress && <span className="muted">{progress.rowsPerSecond.toLocaleString()} rows/s</span>}
      </div>
      <div className="imp-progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Rows checked">
        <div className="imp-progress-fill" style={{ width: `${status.state === 'reading' ? 4 : pct}%` }} />
      </div>
      <button type="button" className="btn btn-sm" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
