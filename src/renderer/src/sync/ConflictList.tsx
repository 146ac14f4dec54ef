import { usePortsStore } from '../stores/portsStore';
import { ConflictCard } from './ConflictCard';
import { useSyncStore } from './syncStore';

/** Every port changed both here and on its server, waiting for the specialist's field-by-field choice. */
export function ConflictList() {
  const conflicts = useSyncStore((s) => s.conflicts);
  const focusPortId = useSyncStore((s) => s.focusPortId);
  const byId = usePortsStore((s) => s.byId);
  return (
    <section className="sync-section" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title" className="section-title">
        Conflicts <span className="section-count">{conflicts.length}</span>
      </h2>
      {conflicts.length === 0 ? (
        <p className="empty-line">No port was changed both here and on a server.</p>
      ) : (
        conflicts.map((c) => (
          // Keyed by detection time too: a new conflict on the same port starts with fresh choices.
          <ConflictCard key={`${c.portId}:${c.detectedAt}`} conflict={c} name={byId.get(c.portId)?.name ?? c.local.fields.name} focused={c.portId === focusPortId} />
        ))
      )}
    </section>
  );
}
