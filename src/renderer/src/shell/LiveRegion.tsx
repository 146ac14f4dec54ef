import { useNoticeStore } from '../stores/noticeStore';

/** Screen-reader announcements (moves, selections); visually hidden. */
export function LiveRegion() {
  const text = useNoticeStore((s) => s.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {text}
    </div>
  );
}
