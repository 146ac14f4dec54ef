import type { PortRecord, Transition } from '../store/kazooPorts';

/** One entry of `GET .../{id}/timeline`: a state transition or a comment. */
export type TimelineEntry =
  | { type: 'transition'; timestamp: number; transition: { previous: string | null; new: string; reason: string | null }; who: string }
  | { type: 'comment'; timestamp: number; content: string; is_private: boolean; action_required: boolean; author: string | null };

/** Merge the recorded transitions with the document's comments, oldest first. */
export function timelineOf(rec: PortRecord, transitions: Transition[]): TimelineEntry[] {
  const entries: TimelineEntry[] = transitions.map((t) => ({
    type: 'transition',
    timestamp: t.at,
    transition: { previous: t.from, new: t.to, reason: t.reason },
    who: t.who,
  }));
  const comments = Array.isArray(rec.doc.comments) ? (rec.doc.comments as Record<string, unknown>[]) : [];
  for (const c of comments) {
    entries.push({
      type: 'comment',
      timestamp: typeof c.timestamp === 'number' ? c.timestamp : rec.created,
      content: typeof c.content === 'string' ? c.content : '',
      is_private: c.is_private === true,
      action_required: c.action_required === true,
      author: typeof c.author === 'string' ? c.author : null,
    });
  }
  return entries.sort((a, b) => a.timestamp - b.timestamp);
}
