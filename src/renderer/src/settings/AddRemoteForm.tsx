import { useState } from 'react';
import type { RemoteKind } from '../../../shared/model';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { AppError } from '../../../shared/errors';
import { messageOf, useSyncStore } from '../sync/syncStore';
import { EMPTY_REMOTE, URL_EXAMPLES, validateRemote, type RemoteDraft } from './remoteForm';
import { FormField } from './FormField';
import { TrustedCaField } from './TrustedCaField';
import { FormError } from '../ui/FormError';

const KINDS: { kind: RemoteKind; label: string }[] = [
  { kind: 'kazoo', label: 'Kazoo' },
  { kind: 'telnyx', label: 'Telnyx' },
];

/**
 * Connect a porting API account. Messages appear once a field was left or a save was tried, so
 * an empty form does not open covered in red; the server's refusal is shown as it came.
 */
export function AddRemoteForm() {
  const [draft, setDraft] = useState<RemoteDraft>(EMPTY_REMOTE);
  const [touched, setTouched] = useState<Partial<Record<keyof RemoteDraft, boolean>>>({});
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  // Main's refusal of the certificate itself (a block node:crypto cannot read) goes under its field.
  const [caServerError, setCaServerError] = useState<string | null>(null);
  // What the last connection added did with the ports made before it (the first one takes them).
  const [added, setAdded] = useState<string | null>(null);
  const toast = useNoticeStore((s) => s.toast);
  const refresh = useSyncStore((s) => s.refresh);
  const errors = validateRemote(draft);
  const shown = (key: keyof RemoteDraft) => (tried || touched[key] ? errors[key] : undefined);
  const bind = (key: Exclude<keyof RemoteDraft, 'kind'>) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
    onBlur: () => setTouched((t) => ({ ...t, [key]: true })),
  });

  const submit = async () => {
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    setSaving(true);
    setServerError(null);
    setCaServerError(null);
    setAdded(null);
    try {
      const remote = await rpc.call('remotes.add', {
        kind: draft.kind,
        url: draft.url.trim(),
        accountId: draft.accountId.trim(),
        token: draft.token.trim(),
        ...(draft.kind === 'telnyx' ? { apiUser: draft.apiUser.trim() } : {}),
        ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
        ...(draft.kind === 'telnyx' && draft.connectionId.trim() ? { defaultConnectionId: draft.connectionId.trim() } : {}),
        ...(draft.trustedCa.trim() ? { trustedCa: draft.trustedCa } : {}),
      });
      // The token leaves the renderer's memory with the form.
      setDraft({ ...EMPTY_REMOTE, kind: draft.kind });
      setTouched({});
      setTried(false);
      const took = remote.assignedPorts === 1 ? '1 port' : `${remote.assignedPorts} ports`;
      const note = remote.assignedPorts > 0 ? `Connected “${remote.name}”. It took the ${took} made before any connection; they are sent with the next sync.` : `Connected “${remote.name}”.`;
      setAdded(note);
      toast('success', note);
      await refresh();
    } catch (err) {
      if (err instanceof AppError && err.details?.field === 'trustedCa') setCaServerError(err.message);
      else setServerError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="settings-card add-remote"
      aria-labelledby="add-remote-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="add-remote-title">Add a connection</h2>
      <fieldset className="kind-picker">
        <legend className="field-label">Kind</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className="kind-option">
            <input type="radio" name="remote-kind" checked={draft.kind === k.kind} onChange={() => setDraft((d) => ({ ...d, kind: k.kind }))} />
            {k.label}
          </label>
        ))}
      </fieldset>
      <div className="field-grid">
        <FormField label="Server URL" error={shown('url')} hint={`The address you use for this server, e.g. ${URL_EXAMPLES[draft.kind]}`}>
          {(a11y) => <input {...a11y} {...bind('url')} className="input" inputMode="url" spellCheck={false} placeholder={URL_EXAMPLES[draft.kind]} />}
        </FormField>
        <FormField label="Account ID" error={shown('accountId')} hint={draft.kind === 'kazoo' ? 'The reseller or customer account: sub-accounts come with it' : undefined}>
          {(a11y) => <input {...a11y} {...bind('accountId')} className="input mono" spellCheck={false} />}
        </FormField>
        {draft.kind === 'telnyx' && (
          <FormField label="API user (e-mail)" error={shown('apiUser')} hint="The Telnyx portal user the token belongs to; Telnyx wants both">
            {(a11y) => <input {...a11y} {...bind('apiUser')} className="input" type="email" autoComplete="off" spellCheck={false} placeholder="porting@example.com" />}
          </FormField>
        )}
        <FormField label="Token" error={shown('token')} hint="Saved encrypted on this computer; never shown again.">
          {(a11y) => <input {...a11y} {...bind('token')} className="input" type="password" autoComplete="off" spellCheck={false} />}
        </FormField>
        <FormField label="Name (optional)" error={shown('name')} hint="How this connection appears in PortDesk">
          {(a11y) => <input {...a11y} {...bind('name')} className="input" placeholder={draft.kind === 'kazoo' ? 'Kazoo reseller' : 'Telnyx'} />}
        </FormField>
        {draft.kind === 'telnyx' && (
          <FormField label="Default connection ID (optional)" error={shown('connectionId')} hint="Telnyx needs one before a draft can be submitted">
            {(a11y) => <input {...a11y} {...bind('connectionId')} className="input mono" spellCheck={false} />}
          </FormField>
        )}
      </div>
      <TrustedCaField
        label="Trusted certificate (PEM, optional)"
        value={draft.trustedCa}
        error={shown('trustedCa') ?? caServerError ?? undefined}
        onChange={(text) => {
          setDraft((d) => ({ ...d, trustedCa: text }));
          setCaServerError(null);
        }}
        onBlur={() => setTouched((t) => ({ ...t, trustedCa: true }))}
      />
      <FormError message={serverError} />
      {added && (
        <p className="note" role="status">
          {added}
        </p>
      )}
      <div className="card-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Connecting…' : 'Add connection'}
        </button>
      </div>
    </form>
  );
}
