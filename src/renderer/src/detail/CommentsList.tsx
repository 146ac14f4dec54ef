import type { Comment } from '../../../shared/model';
import { formatDateTime } from '../lib/format';
import { CommentComposer } from './CommentComposer';

/** The port's comments, oldest first, with a box to add one. */
export function CommentsList({ portId, remoteAuthority, comments, onAdded }: { portId: string; remoteAuthority: boolean | null; comments: Comment[]; onAdded(): void }) {
  return (
    <section className="detail-section" aria-labelledby="comments-title">
      <h3 id="comments-title" className="section-title">
        Comments <span className="section-count tabular">{comments.length}</span>
      </h3>
      {comments.length === 0 ? (
        <p className="empty-line">No comments.</p>
      ) : (
        <ul className="plain-list comments">
          {comments.map((c) => (
            <li key={c.id} className="comment">
              <div className="comment-head">
                <strong>{c.author || 'Unknown'}</strong>
                <span className="muted">{formatDateTime(c.createdAt)}</span>
                {c.isPrivate && <span className="badge">Private</span>}
                {c.actionRequired && <span className="badge badge-warn">Action required</span>}
              </div>
              <p className="comment-body">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <CommentComposer portId={portId} remoteAuthority={remoteAuthority} onAdded={onAdded} />
    </section>
  );
}
