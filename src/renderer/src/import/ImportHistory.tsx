import { useCallback, useEffect, useState } from 'react';
import type { ImportBatchView } from '../../../shared/rpc/methods/import';
import { rpc } from '../rpc/transport';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useUiStore } from '../stores/uiStore';

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
const createdPorts = (batch: ImportBatchView) => batch.items.filter((i) => i.created).length;

/**
 * Past imports, newest first: the file, when, what each created (ports and numbers), and Undo
 * while none of it was sent to a remote; once some was, the reason Undo is refused.
 */
export function ImportHistory() {
  const [batches, setBatches] = useState<ImportBatchView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [undoing, setUndoing] = useState<ImportBatchView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    rpc.call('import.list', { limit: 50 }).then(
      (list) => {
        setBatches(list);
        setError(null);
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, []);
  useEffect(load, [load]);

  if (error) {
    return (
      <p className="imp-error" role="alert">
        {error}
      </p>
    );
  }
  if (!batches) return <p className="muted" role="status">Loading past imports…</p>;
  return (
    <section className="imp-history" aria-label="Past imports">
      {notice && (
        <p className="imp-card imp-history-notice" role="status">
          {notice}
        </p>
      )}
      {batches.length === 0 ? (
        <p className="imp-card muted">No imports yet. What you import shows here, with Undo until it is sent.</p>
      ) : (
        <ul className="imp-history-list">
          {batches.map((b) => (
            <BatchItem key={b.batchId} batch={b} onUndo={() => setUndoing(b)} />
          ))}
        </ul>
      )}
      {undoing && (
        <ConfirmDialog
          title={`Undo the import of ${undoing.source}?`}
          confirmLabel="Undo import"
          onCancel={() => setUndoing(null)}
          onConfirm={async () => {
            const result = await rpc.call('import.undo', { batchId: undoing.batchId });
            setUndoing(null);
            setNotice(`Import of ${undoing.source} undone: ${plural(result.removedPorts.length, 'port')} and ${plural(result.removedNumbers, 'number')} removed.`);
            load();
          }}
        >
          <p>
            {createdPorts(undoing) === 1 && 'The port it created is deleted with its queued changes. '}
            {createdPorts(undoing) > 1 && `The ${createdPorts(undoing)} ports it created are deleted with their queued changes. `}
            {undoing.items.some((i) => !i.created) && 'Numbers it added to existing ports are removed from them. '}
            Nothing of it was sent yet, so the remote is not affected.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function BatchItem({ batch, onUndo }: { batch: ImportBatchView; onUndo(): void }) {
  const openPort = useUiStore((s) => s.openPort);
  const setScreen = useUiStore((s) => s.setScreen);
  const when = new Date(batch.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const status = batch.undoneAt !== null ? 'undone' : batch.undoRefused ? 'refused' : 'undoable';
  return (
    <li className="imp-card imp-batch" aria-label={`Import of ${batch.source}, ${when}`}>
      <div className="imp-batch-head">
        <strong className="imp-batch-source">{batch.source}</strong>
        <span className="muted">{when}</span>
        <span>
          {plural(batch.ports, 'port')} · {plural(batch.numbers, 'number')}
        </span>
        <span className={`badge ${status === 'undoable' ? 'badge-ok' : status === 'refused' ? 'badge-info' : ''}`}>
          {status === 'undone' ? `Undone ${new Date(batch.undoneAt!).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}` : status === 'refused' ? 'Cannot undo' : 'Not sent yet'}
        </span>
        {status === 'undoable' && (
          <button type="button" className="btn btn-sm imp-batch-undo" onClick={onUndo}>
            Undo
          </button>
        )}
      </div>
      {status === 'refused' && <p className="imp-batch-why">{batch.undoRefused}</p>}
      {status !== 'undone' && (
        <ul className="imp-batch-ports" aria-label="What it created">
          {batch.items.map((item) => (
            <li key={item.portId}>
              {item.created ? 'New port ' : 'Added to '}
              {item.name === null ? (
                <span className="muted">a port deleted since</span>
              ) : (
                <button
                  type="button"
                  className="imp-link"
                  onClick={() => {
                    setScreen('board');
                    openPort(item.portId);
                  }}
                >
                  {item.name}
                </button>
              )}
              <span className="muted">: {plural(item.numbers, 'number')}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
