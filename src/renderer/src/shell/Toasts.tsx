import { useNoticeStore } from '../stores/noticeStore';
import { Icon } from '../ui/Icon';

/** Transient messages; errors are role=alert so the server's words are read out. */
export function Toasts() {
  const toasts = useNoticeStore((s) => s.toasts);
  const dismiss = useNoticeStore((s) => s.dismiss);
  return (
    <div className="toasts">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          <span className="toast-text">{t.message}</span>
          <button type="button" className="btn btn-ghost btn-icon" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
