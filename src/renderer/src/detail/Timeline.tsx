import type { TimelineEvent } from '../../../shared/model';
import { formatTime } from '../lib/format';
import { groupByDay } from './timelineDays';
import { plainTimelineMessage } from '../../../shared/domain/fieldLabels';

/** State changes, edits and sync events, newest first, under a heading per day. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  const days = groupByDay(events);
  return (
    <section className="detail-section" aria-labelledby="timeline-title">
      <h3 id="timeline-title" className="section-title">
        Timeline
      </h3>
      {days.length === 0 ? (
        <p className="empty-line">Nothing has happened yet.</p>
      ) : (
        days.map((day) => (
          <div key={day.key} className="timeline-day">
            <h4 className="timeline-day-title">{day.label}</h4>
            <ol className="timeline" aria-label={day.label}>
              {day.events.map((e) => (
                <li key={e.id} className={`timeline-item kind-${e.kind}`}>
                  <span className="timeline-dot" style={e.toState ? { ['--dot' as string]: `var(--state-${e.toState})` } : undefined} aria-hidden="true" />
                  <div className="timeline-text">
                    <span>{plainTimelineMessage(e.message)}</span>
                    <span className="muted">
                      {formatTime(e.at)} · {e.actor}
                    </span>
                  </div>
                </li>
              ))}
            </ol>
          </div>
        ))
      )}
    </section>
  );
}
