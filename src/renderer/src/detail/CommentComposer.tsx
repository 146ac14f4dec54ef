import { useState } from 'react';
import { rpc } from '../rpc/transport';
import { commentFlagsProblem } from '../../../shared/domain/states';
import { ComposeBox } from '../ui/ComposeBox';

/**
 * Write a comment on a port: private (kept from the end customer) and "action required" (the
 * other side must act) as the porting APIs define them. It reaches the port's remote with the
 * next sync; offline it waits in the outbox like every other change.
 */
export function CommentComposer({ portId, remoteAuthority, onAdded }: { portId: string; remoteAuthority: boolean | null; onAdded(): void }) {
  const [body, setBody] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [actionRequired, setActionRequired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Only the port authority may flag comments (Kazoo 4.3), and never private and action-required at once.
  const mayFlag = remoteAuthority !== false;
  const flagsProblem = commentFlagsProblem(remoteAuthority, { isPrivate, actionRequired });

  const add = async () => {
    if (body.trim() === '' || busy) return;
    if (flagsProblem) {
      setError(flagsProblem);
      return;
    }
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
    <ComposeBox
      label="New comment"
      value={body}
      placeholder="Note for the team or the carrier"
      errorId="comment-error"
      error={error}
      busy={busy}
      submitLabel="Add comment"
      maxLength={5000}
      onChange={setBody}
      onSubmit={() => void add()}
    >
      {mayFlag ? (
        <>
          <label className="inline-check">
            <input type="checkbox" checked={isPrivate} disabled={actionRequired} onChange={(e) => setPrivate(e.target.checked)} /> Private
          </label>
          <label className="inline-check">
            <input type="checkbox" checked={actionRequired} disabled={isPrivate} onChange={(e) => setActionRequired(e.target.checked)} /> Action required
          </label>
        </>
      ) : (
        <span className="muted">Private and action-required comments are for the port authority</span>
      )}
    </ComposeBox>
  );
}
