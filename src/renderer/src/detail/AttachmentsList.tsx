import type { Attachment } from '../../../shared/model';
import { formatBytes, formatDateTime } from '../lib/format';
import { Icon } from '../ui/Icon';

const KIND_LABEL: Record<Attachment['kind'], string> = { loa: 'LOA', bill: 'Bill', other: 'Other' };

/** Attachments (read-only until the documents feature lands). */
export function AttachmentsList({ attachments }: { attachments: Attachment[] }) {
  return (
    <section className="detail-section" aria-labelledby="attachments-title">
      <h3 id="attachments-title" className="section-title">
        Attachments <span className="section-count tabular">{attachments.length}</span>
      </h3>
      {attachments.length === 0 ? (
        <p className="empty-line">No attachments. A signed LOA and a recent bill are needed before submitting.</p>
      ) : (
        <ul className="plain-list">
          {attachments.map((a) => (
            <li key={a.id} className="attachment">
              <Icon name="paperclip" size={14} />
              <span className="attachment-name" title={a.name}>
                {a.name}
              </span>
              <span className="badge">{KIND_LABEL[a.kind]}</span>
              <span className="muted tabular">{formatBytes(a.size)}</span>
              <span className="muted">{formatDateTime(a.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
