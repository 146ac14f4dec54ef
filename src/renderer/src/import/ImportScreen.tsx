import { useEffect, useState } from 'react';
import type { ImportFieldName, ImportStatus } from '../../../shared/rpc/methods/import';
import { Modal } from '../ui/Modal';
import { useUiStore } from '../stores/uiStore';
import { rpc } from '../rpc/transport';
import { useImportStore } from './importStore';
import { SourcePanel } from './SourcePanel';
import { MappingPanel } from './MappingPanel';
import { ProgressBar } from './ProgressBar';
import { PreviewTable } from './PreviewTable';
import { useRowPages } from './useRowPages';
import { ImportHistory } from './ImportHistory';
import { errorRowsSummary } from '../../../shared/domain/importRows';
import './import.css';

/** Bulk import: source, mapping, checked preview with fixes, optional portability check, confirm; and the history of past imports with Undo. */
export function ImportScreen() {
  const status = useImportStore((s) => s.status);
  const view = useImportStore((s) => s.view);
  const setView = useImportStore((s) => s.setView);
  return (
    <section className="imp" aria-labelledby="imp-title">
      <header className="imp-header">
        <h1 id="imp-title">Import</h1>
        <div className="imp-tabs" role="radiogroup" aria-label="Import view">
          <button type="button" role="radio" className="imp-tab" aria-checked={view === 'new'} onClick={() => setView('new')}>
            {status ? 'This import' : 'New import'}
          </button>
          <button type="button" role="radio" className="imp-tab" aria-checked={view === 'history'} onClick={() => setView('history')}>
            History
          </button>
        </div>
        {view === 'new' && status && <SourceBar status={status} />}
      </header>
      {view === 'history' ? <ImportHistory /> : <NewImport />}
    </section>
  );
}

/** A new import: its source, then the checked preview. */
function NewImport() {
  const status = useImportStore((s) => s.status);
  const busy = useImportStore((s) => s.busy);
  const error = useImportStore((s) => s.error);
  return (
    <>
      {error && (
        <p className="imp-error" role="alert">
          {error}
        </p>
      )}
      {!status && busy && <p className="imp-card imp-busy" role="status">{busy}</p>}
      {!status && !busy && <SourcePanel />}
      {status && <Preview status={status} />}
    </>
  );
}

function SourceBar({ status }: { status: ImportStatus }) {
  const cancel = useImportStore((s) => s.cancel);
  const remap = useImportStore((s) => s.remap);
  const table = status.table;
  const facts = table ? [table.format.toUpperCase(), table.encoding, table.delimiter === '\t' ? 'tab-separated' : table.delimiter ? `“${table.delimiter}”-separated` : undefined, table.totalRows > 0 ? `${table.totalRows.toLocaleString()} rows` : undefined].filter(Boolean) : [];
  return (
    <div className="imp-sourcebar">
      <strong>{status.sourceName}</strong>
      <span className="muted">{facts.join(' · ')}</span>
      {table?.sheets && table.sheets.length > 1 && (
        <select className="select" aria-label="Sheet" value={table.sheet} onChange={(e) => void remap({ sheet: e.target.value })}>
          {table.sheets.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      )}
      <button type="button" className="btn btn-sm" onClick={() => void cancel()}>
        Start over
      </button>
    </div>
  );
}

function Preview({ status }: { status: ImportStatus }) {
  const cancel = useImportStore((s) => s.cancel);
  const fixCell = useImportStore((s) => s.fixCell);
  const remap = useImportStore((s) => s.remap);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const ready = status.state === 'ready';
  const pages = useRowPages(status.jobId, status.revision, onlyProblems ? 'problems' : 'all', ready);
  const table = status.table;
  const checking = status.state === 'reading' || status.state === 'checking';
  if (status.state === 'failed') return null;
  const headers = table?.headers ?? [];
  const mapping = table?.mapping;
  const setField = (column: number, field: ImportFieldName | null) => {
    if (mapping) void remap({ mapping: { fields: mapping.fields.map((f, i) => (i === column ? field : f)), groupBy: mapping.groupBy } });
  };
  const preview = table?.preview ?? [];
  // A port-level problem (e.g. numbers of several countries in one port) belongs to no single
  // row, so it is listed with the file's problems rather than lost from the preview.
  const fileProblems = [...status.problems, ...(status.groups ?? []).flatMap((g) => g.problems)];
  return (
    <div className="imp-preview">
      {checking && <ProgressBar status={status} onCancel={() => void cancel()} />}
      {table && <MappingPanel status={status} />}
      {table && (
        <div className="imp-rows-bar">
          {status.counts && <Counts status={status} />}
          <label className="imp-toggle">
            <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} disabled={!ready} /> Only problems
          </label>
          <span className="muted">{ready ? 'Click a cell to fix it.' : 'Showing the first rows while the rest are checked…'}</span>
        </div>
      )}
      {fileProblems.length > 0 && (
        // Bounded and scrollable: a file with many groups must not push its rows off the screen.
        <ul className="imp-file-problems" aria-label="About the file and its ports" tabIndex={0}>
          {fileProblems.map((p, i) => (
            <li key={i} className={p.severity === 'error' ? 'imp-problem-error' : 'imp-problem-warning'}>
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {table && (
        <div className="imp-rows">
          <PreviewTable
            headers={headers}
            fields={mapping?.fields ?? []}
            onField={setField}
            total={ready ? pages.total : preview.length}
            rowAt={(i) => (ready ? pages.rowAt(i) : preview[i])}
            {...(ready ? { onFix: fixCell } : {})}
            emptyText={ready && pages.loaded ? (onlyProblems ? 'No problems: every row can be imported.' : 'No rows.') : 'Loading rows…'}
          />
        </div>
      )}
      {ready && <Footer status={status} />}
    </div>
  );
}

function Counts({ status }: { status: ImportStatus }) {
  const c = status.counts!;
  const items: Array<[string, number, string]> = [
    ['Valid', c.valid, 'ok'],
    ['Invalid', c.invalid, c.invalid ? 'danger' : ''],
    ['Duplicates', c.duplicates, c.duplicates ? 'warn' : ''],
    ['Already in a port', c.inOpenPort + c.inTarget, c.inOpenPort ? 'danger' : ''],
    ...(c.twoOwners > 0 ? [['Under two customers', c.twoOwners, 'danger'] as [string, number, string]] : []),
    ['Rows with problems', c.rowsWithErrors + c.rowsWithWarnings, c.rowsWithErrors ? 'danger' : c.rowsWithWarnings ? 'warn' : ''],
    ['Ports', status.groups?.filter((g) => g.numbers > 0).length ?? 0, ''],
  ];
  return (
    <dl className="imp-counts" aria-label="Import counts">
      {items.map(([label, value, tone]) => (
        <div key={label} className={`imp-count ${tone ? `imp-count-${tone}` : ''}`}>
          <dt>{label}</dt>
          <dd>{value.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

function Footer({ status }: { status: ImportStatus }) {
  const commit = useImportStore((s) => s.commit);
  const checkPortability = useImportStore((s) => s.checkPortability);
  const busy = useImportStore((s) => s.busy);
  const setScreen = useUiStore((s) => s.setScreen);
  const [confirming, setConfirming] = useState(false);
  const [telnyx, setTelnyx] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    rpc
      .call('remotes.list', {})
      .then((list) => setTelnyx(list.filter((r) => r.kind === 'telnyx' && r.hasToken)))
      .catch(() => setTelnyx([]));
  }, []);
  const groups = (status.groups ?? []).filter((g) => g.numbers > 0);
  const numbers = groups.reduce((n, g) => n + g.numbers, 0);
  const notPortable = status.portability.state === 'done' ? status.portability.notPortable : 0;
  // Numbers found not portable are left out by the commit, so every count shown excludes them.
  const importing = numbers - notPortable;
  const errorRows = status.counts ? errorRowsSummary(status.counts) : null;
  const p = status.portability;
  return (
    <footer className="imp-footer">
      {telnyx.length > 0 && (
        <div className="imp-portability">
          <button type="button" className="btn btn-sm" disabled={busy !== null || numbers === 0} onClick={() => void checkPortability(telnyx[0]!.id)}>
            Check portability ({telnyx[0]!.name})
          </button>
          <span className="muted" role="status">
            {p.state === 'running' && `Checking ${p.done} of ${p.total}…`}
            {p.state === 'done' && `${p.portable} portable, ${p.notPortable} not portable (left out)`}
            {p.state === 'failed' && p.error}
          </span>
        </div>
      )}
      <span className="imp-footer-summary">
        {importing.toLocaleString()} number{importing === 1 ? '' : 's'} into {groups.length} port{groups.length === 1 ? '' : 's'}
        {errorRows && <span className="muted"> · {errorRows}</span>}
      </span>
      <button type="button" className="btn btn-primary" disabled={importing === 0 || busy !== null} onClick={() => setConfirming(true)}>
        Import…
      </button>
      {confirming && (
        <Modal
          title="Import these numbers?"
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Back
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={async () => {
                  setConfirming(false);
                  if (await commit()) setScreen('board');
                }}
              >
                Create {groups.filter((g) => g.target === 'new').length > 0 ? 'ports' : 'numbers'}
              </button>
            </>
          }
        >
          <p>
            {importing.toLocaleString()} numbers go into {groups.length} port request{groups.length === 1 ? '' : 's'}, written together (all or nothing). You can undo the whole import until it is sent.
          </p>
          <ul className="imp-confirm-list">
            {groups.slice(0, 8).map((g) => (
              <li key={g.key}>
                {g.target === 'new' ? 'New' : 'Add to'} “{g.name}”: {g.numbers.toLocaleString()}
              </li>
            ))}
            {groups.length > 8 && <li className="muted">and {groups.length - 8} more</li>}
          </ul>
          {errorRows && <p className="muted">{errorRows}.</p>}
        </Modal>
      )}
    </footer>
  );
}
