import { lateCreateText } from '../../../shared/domain/lateCreates';
import { useUiStore } from '../stores/uiStore';
import { useSyncStore } from './syncStore';

/**
 * Ports whose create was sent and never answered: PortDesk is making sure it did not land before
 * it sends another (docs/sync.md "Late creates"). Shown only while there are some.
 */
export function LateCreateList() {
  const remotes = useSyncStore((s) => s.status?.remotes);
  const openPort = useUiStore((s) => s.openPort);
  const waiting = (remotes ?? []).flatMap((r) => r.lateCreates.map((c) => ({ ...c, remote: r.name })));
  if (waiting.length === 0) return null;
  return (
    <section className="sync-section" aria-labelledby="late-creates-title">
      <h2 id="late-creates-title" className="section-title">
        Creates being checked <span className="section-count">{waiting.length}</span>
      </h2>
      <ul className="plain-list">
        {waiting.map((c) => (
          <li key={c.portId} className="sync-card attention" aria-label={c.name}>
            <div className="attention-main">
              <button type="button" className="link-button attention-name" onClick={() => openPort(c.portId)}>
                {c.name}
              </button>
              <p className="muted late-create-text">
                {c.remote}: {lateCreateText(c.settlesAt, c.message)}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
