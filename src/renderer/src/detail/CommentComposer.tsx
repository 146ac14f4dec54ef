import { useState } from 'react';
import { rpc } from '../rpc/transport';

/**
 * Write a comment on a port: private (kept from the end customer) and "action required" (the
 * other side must act) as the porting APIs define them. It reaches the port's remote with the
 * next sync; offline it waits in the outbox like every other change.
 */
export function CommentComposer({ portId, onAdded }: { portId: string; onAdded(): void }) {
  const [body, setBody] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [actionRequired, setActionRequired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    if (body.trim() === '' || busy) return;
    setBusy(true);
    setError(null);
    try {
      await rpc.call('comments.add', { portId, body, isPrivate, actionRequired });
      setBody('');
      setPrivate(false);
      setActionRequired(false);
      onAdded();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="comment-compose">
      <label className="field field-wide">
        <span className="field-label">New comment</span>
        <textarea
          className="textarea"
          rows={2}
          maxLength={5000}
          value={body}
          placeholder="Note for the team or the carrier"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'comment-error' : undefined}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void add();
            }
          }}
        />
      </label>
      {error && (
        <p id="comment-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-compose-actions">
        <label className="inline-check">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} /> Private
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={actionRequired} onChange={(e) => setActionRequired(e.target.checked)} /> Action required
        </label>
        <span className="muted">Ctrl+Enter to add</span>
        <button type="button" className="btn btn-primary btn-sm" disabled={busy || body.trim() === ''} onClick={() => void add()}>
          Add comment
        </button>
      </div>
    </div>
  );
}
