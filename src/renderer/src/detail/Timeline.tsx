import type { TimelineEvent } from '../../../shared/model';
import { formatDateTime } from '../lib/format';

/** State changes, edits and sync events, newest first. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  const ordered = [...events].sort((a, b) => b.at - a.at || b.id - a.id);
  return (
    <section className="detail-section" aria-labelledby="timeline-title">
      <h3 id="timeline-title" className="section-title">
        Timeline
      </h3>
      {ordered.length === 0 ? (
        <p className="empty-line">Nothing has happened yet.</p>
      ) : (
        <ol className="timeline">
          {ordered.map((e) => (
            <li key={e.id} className={`timeline-item kind-${e.kind}`}>
              <span className="timeline-dot" style={e.toState ? { ['--dot' as string]: `var(--state-${e.toState})` } : undefined} aria-hidden="true" />
              <div className="timeline-text">
                <span>{e.message}</span>
                <span className="muted">
                  {formatDateTime(e.at)} · {e.actor}
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
