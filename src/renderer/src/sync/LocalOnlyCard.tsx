import { useSyncStore } from './syncStore';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Ports with no remote and their queued changes: counted here, so "in sync" never hides them. */
export function LocalOnlyCard() {
  const local = useSyncStore((s) => s.status?.localOnly);
  const hasRemotes = useSyncStore((s) => s.remotes.length > 0);
  if (!local || local.ports === 0) return null;
  const waiting = local.ports - local.keptLocal;
  return (
    <article className="sync-card local-only" aria-label="Local only">
      <h3>Local only</h3>
      <p className="remote-status-facts">
        {count(local.ports, 'port has', 'ports have')} no remote{local.keptLocal > 0 ? ` (${local.keptLocal} kept local on purpose)` : ''}; {count(local.changes, 'change waits', 'changes wait')} to be sent
        once {local.ports === 1 ? 'it gets' : 'they get'} one.
      </p>
      {waiting > 0 && (
        <p className="muted remote-status-facts">
          {hasRemotes
            ? `${waiting === 1 ? 'Pick a remote in the port’s detail' : 'Select them on the board and use “Assign remote…”, or pick a remote in a port’s detail'}.`
            : 'The first connection added in Settings takes every port not kept local.'}
        </p>
      )}
    </article>
  );
}
