/** A port with no remote: nothing of it leaves this computer until it gets one. */
export function LocalOnlyBadge({ keptLocal }: { keptLocal: boolean }) {
  const title = keptLocal
    ? 'Kept local: never sent to a remote. Assign one in the port’s detail to sync it.'
    : 'No remote yet: its changes wait here. The first connection added in Settings takes it, or assign one in the port’s detail.';
  return (
    <span className={`badge badge-local mi ${keptLocal ? 'mi-lock' : 'mi-laptop'}`} title={title}>
      <span className="badge-local-text">{keptLocal ? 'Kept local' : 'Local only'}</span>
    </span>
  );
}
