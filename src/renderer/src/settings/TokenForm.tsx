import { useState } from 'react';
import { rpc } from '../rpc/transport';
import { messageOf, type RemoteInfo } from '../sync/syncStore';
import { apiUserError, tokenError } from './remoteForm';
import { FormField } from './FormField';
import { FormError } from '../ui/FormError';

interface TokenFormProps {
  /** A Telnyx remote also shows its API user, editable (one made before it was asked for has none). */
  remote: Pick<RemoteInfo, 'id' | 'name' | 'kind' | 'apiUser'>;
  onSaved(): void;
  onCancel?: () => void;
}

/**
 * Replace a remote's token (and a Telnyx remote's API user). The token goes to main through
 * remotes.setToken only and is dropped from memory once saved: it is never shown again.
 */
export function TokenForm({ remote, onSaved, onCancel }: TokenFormProps) {
  const telnyx = remote.kind === 'telnyx';
  const [token, setToken] = useState('');
  const [apiUser, setApiUser] = useState(remote.apiUser ?? '');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const error = tried ? tokenError(token) : undefined;
  const userError = tried && telnyx ? apiUserError(apiUser) : undefined;
  const submit = async () => {
    setTried(true);
    if (tokenError(token) || (telnyx && apiUserError(apiUser))) return;
    setSaving(true);
    setServerError(null);
    try {
      await rpc.call('remotes.setToken', { id: remote.id, token: token.trim(), ...(telnyx ? { apiUser: apiUser.trim() } : {}) });
      setToken('');
      setTried(false);
      onSaved();
    } catch (err) {
      setServerError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form
      className="token-form"
      aria-label={`Replace the token of ${remote.name}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {telnyx && (
        <FormField label="API user (e-mail)" error={userError} hint="The Telnyx portal user the token belongs to">
          {(a11y) => <input {...a11y} className="input" type="email" autoComplete="off" spellCheck={false} value={apiUser} onChange={(e) => setApiUser(e.target.value)} />}
        </FormField>
      )}
      <FormField label="New token" error={error} hint="Saved encrypted on this computer; never shown again.">
        {(a11y) => <input {...a11y} className="input" type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />}
      </FormField>
      <FormError message={serverError} />
      <div className="token-form-actions">
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save token'}
        </button>
      </div>
    </form>
  );
}
