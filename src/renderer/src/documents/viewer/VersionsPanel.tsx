import { useEffect, useState } from 'react';
import type { AttachmentInfo, AttachmentVersion } from '../../../../shared/rpc/methods/documents';
import { formatBytes, formatDateTime } from '../../lib/format';
import { rpc } from '../../rpc/transport';

interface Props {
  attachment: AttachmentInfo;
  /** The version shown in the viewer (null: the current one). */
  viewing: number | null;
  onOpen(version: number | null): void;
  onRestore(version: number): void;
}

/** What made a version, in words; a version with the content of an earlier one was restored from it. */
function describe(v: AttachmentVersion, all: readonly AttachmentVersion[]): string {
  const earlier = all.find((o) => o.version < v.version && o.sha256 === v.sha256);
  if (earlier && v.reason === 'replaced') return `Restored from v${earlier.version}`;
  return { added: 'Original', replaced: 'Replaced', annotated: 'Annotated' }[v.reason];
}

/** Every version of a document, newest first: open any (read-only), restore an earlier one. */
export function VersionsPanel({ attachment, viewing, onOpen, onRestore }: Props) {
  const [versions, setVersions] = useState<AttachmentVersion[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    void rpc.call('attachments.versions', { id: attachment.id }).then((list) => !cancelled && setVersions(list));
    return () => {
      cancelled = true;
    };
  }, [attachment.id, attachment.version]);

  return (
    <aside className="dv-facts dv-versions" aria-label="Versions">
      <h3 className="dv-facts-title">Versions</h3>
      {versions === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <ol className="dv-version-list">
          {versions.map((v) => {
            const current = v.version === attachment.version;
            const shown = (viewing ?? attachment.version) === v.version;
            return (
              <li key={v.version} className={`dv-version${shown ? ' is-shown' : ''}`} aria-current={shown ? 'true' : undefined}>
                <div className="dv-version-head">
                  <strong>v{v.version}</strong>
                  <span>{describe(v, versions)}</span>
                  {current && <span className="badge">Current</span>}
                  {attachment.kind === 'loa' && v.signed !== null && <span className={`badge${v.signed ? ' badge-ok' : ''}`}>{v.signed ? 'Signed' : 'Unsigned'}</span>}
                </div>
                <div className="muted dv-version-meta">
                  {formatDateTime(v.createdAt)} · {formatBytes(v.size)}
                </div>
                <div className="dv-version-actions">
                  {!shown && (
                    <button type="button" className="btn btn-sm" onClick={() => onOpen(current ? null : v.version)} aria-label={`Open version ${v.version}`}>
                      Open
                    </button>
                  )}
                  {!current && (
                    <button type="button" className="btn btn-sm" onClick={() => onRestore(v.version)} aria-label={`Restore version ${v.version}`}>
                      Restore
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <p className="muted dv-version-note">Restoring makes a new version with that content; no version is removed.</p>
    </aside>
  );
}
