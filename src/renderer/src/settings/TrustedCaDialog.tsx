import { useState } from 'react';
import { certificateExpiry, expiryText, shortFingerprint, type CertificateExpiry } from '../../../shared/domain/trustedCa';
import { FormModal } from '../ui/FormModal';
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
    <FormModal
      title={`Trusted certificate of "${remote.name}"`}
      onClose={onClose}
      width={560}
      cancelLabel="Close"
      submitLabel={saving ? 'Saving…' : 'Trust certificate'}
      busy={saving}
      formClassName="trusted-ca-dialog"
      onSubmit={() => {
        setTried(true);
        if (text.trim() === '' || trustedCaError(text)) return;
        void save(text);
      }}
    >
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
              <CertificateEnd validTo={c.validTo} />
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
      <TrustedCaField label={shown.trustedCertificates.length > 0 ? 'Replace with (PEM)' : 'Trusted certificate (PEM)'} value={text} error={fieldError} onChange={(t) => { setText(t); setServerError(null); }} />
    </FormModal>
  );
}

/** One line of the connections table: what the connection trusts besides public authorities. */
export function trustedCaLine(remote: RemoteInfo): string | null {
  if (remote.trustedCaProblem) return 'Trusted certificate unusable: set it again';
  const [first, ...more] = remote.trustedCertificates;
  if (!first) return null;
  return `Trusts ${first.subject}${more.length > 0 ? ` (+${more.length})` : ''} · SHA-256 ${shortFingerprint(first.fingerprint)}`;
}

/** The end of a connection's trusted certificates when it is near or past, else null. */
export function trustedCaExpiry(remote: RemoteInfo): CertificateExpiry | null {
  return certificateExpiry(remote.trustedCertificates.map((c) => c.validTo), Date.now());
}

/** A certificate's last day, marked once it is near or past: the server is refused from then on. */
function CertificateEnd({ validTo }: { validTo: string }) {
  const expiry = certificateExpiry([validTo], Date.now());
  if (!expiry) return <span className="muted">Valid until {validTo}</span>;
  return (
    <span className="trusted-ca-expiry">
      Valid until {validTo}: {expiryText(expiry)}.{' '}
      {expiry.kind === 'expired' ? "The server is refused until this connection trusts the authority's new certificate." : "Get the authority's new certificate from the server's administrator."}
    </span>
  );
}
