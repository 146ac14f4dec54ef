import { useState } from 'react';
import { shortFingerprint } from '../../../shared/domain/trustedCa';
import { Modal } from '../ui/Modal';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { messageOf, useSyncStore, type RemoteInfo } from '../sync/syncStore';
import { TrustedCaField } from './TrustedCaField';
import { trustedCaError } from './remoteForm';

/** The certificate a connection trusts (subject, fingerprint, Remove), and a field to trust one or replace it. */
export function TrustedCaDialog({ remote, onClose }: { remote: RemoteInfo; onClose(): void }) {
  const refresh = useSyncStore((s) => s.refresh);
  const toast = useNoticeStore((s) => s.toast);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [shown, setShown] = useState(remote);
  const save = async (trustedCa: string | null) => {
    setSaving(true);
    setServerError(null);
    try {
      setShown(await rpc.call('remotes.setTrustedCa', { id: remote.id, trustedCa }));
      setText('');
      setTried(false);
      toast('success', trustedCa === null ? `"${remote.name}" trusts public certificate authorities only` : `"${remote.name}" trusts the certificate`);
      void refresh();
    } catch (err) {
      setServerError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };
  const fieldError = (tried ? (text.trim() === '' ? 'Paste a certificate or choose its file' : trustedCaError(text)) : undefined) ?? serverError ?? undefined;
  return (
    <Modal title={`Trusted certificate of "${remote.name}"`} onClose={onClose} width={560}>
      <div className="trusted-ca-dialog">
        {shown.trustedCaProblem && (
          <p className="field-error" role="alert">
            {shown.trustedCaProblem}
          </p>
        )}
        {shown.trustedCertificates.length === 0 ? (
          <p className="muted">This connection trusts public certificate authorities only.</p>
        ) : (
          <ul className="trusted-ca-list" aria-label="Trusted certificates">
            {shown.trustedCertificates.map((c) => (
              <li key={c.fingerprint}>
                <span className="trusted-ca-subject">{c.subject}</span>
                <span className="mono muted" title={`SHA-256 ${c.fingerprint}`}>
                  SHA-256 {c.fingerprint}
                </span>
                <span className="muted">Valid until {c.validTo}</span>
              </li>
            ))}
          </ul>
        )}
        {(shown.trustedCertificates.length > 0 || shown.trustedCaProblem) && (
          <div className="card-actions">
            <button type="button" className="btn btn-sm btn-danger" disabled={saving} onClick={() => void save(null)}>
              Remove trusted certificate
            </button>
          </div>
        )}
        <form
          className="token-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (text.trim() === '' || trustedCaError(text)) return;
            void save(text);
          }}
        >
          <TrustedCaField label={shown.trustedCertificates.length > 0 ? 'Replace with (PEM)' : 'Trusted certificate (PEM)'} value={text} error={fieldError} onChange={(t) => { setText(t); setServerError(null); }} />
          <div className="token-form-actions">
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
            <button type="submit" className="btn btn-primary" disabled={saving}>
              {saving ? 'Saving…' : 'Trust certificate'}
            </button>
          </div>
        </form>
      </div>
    </Modal>
  );
}

/** One line of the connections table: what the connection trusts besides public authorities. */
export function trustedCaLine(remote: RemoteInfo): string | null {
  if (remote.trustedCaProblem) return 'Trusted certificate unusable: set it again';
  const [first, ...more] = remote.trustedCertificates;
  if (!first) return null;
  return `Trusts ${first.subject}${more.length > 0 ? ` (+${more.length})` : ''} · SHA-256 ${shortFingerprint(first.fingerprint)}`;
}
