import { AppError } from '../../../shared/errors';
import type { ChangeEvent } from '../../../shared/rpc/events';
import type { PortSummary } from '../../../shared/model';
import { rpc } from '../rpc/transport';
import { usePortsStore } from './portsStore';

/** Listeners for a port's full detail (the open detail panel), told when that port changed. */
const detailListeners = new Set<(ids: ReadonlySet<string>, all: boolean) => void>();

/** Subscribe to "these ports changed" (or "everything may have changed") to refresh a detail view. */
export function onPortsChanged(listener: (ids: ReadonlySet<string>, all: boolean) => void): () => void {
  detailListeners.add(listener);
  return () => detailListeners.delete(listener);
}

/** The newest full load asked for; an older one's answer is stale and dropped. */
let loadGeneration = 0;
/**
 * Ports told changed while a full load is in flight: its answer may have been read before the
 * change, so they are refetched once it lands (else a port made during the load vanishes).
 */
let touchedDuringLoad: Set<string> | null = null;

/** Load every port summary into the store. */
export async function loadAll(): Promise<void> {
  const generation = ++loadGeneration;
  touchedDuringLoad ??= new Set();
  const store = usePortsStore.getState();
  store.setLoading();
  try {
    const ports = await rpc.call('ports.list', {});
    if (generation !== loadGeneration) return;
    // The bench measures board first paint from this moment (data in hand, before any rendering).
    performance.mark('portdesk:ports-ready');
    store.setAll(ports);
  } catch (err) {
    if (generation !== loadGeneration) return;
    store.setError(err instanceof AppError ? err.message : String(err));
  }
  const touched = touchedDuringLoad;
  touchedDuringLoad = null;
  if (touched && touched.size > 0) queueRefetch([...touched]);
}

/**
 * Events arrive one per write; a bulk move of 20 cards sends 20. Collect ids for one tick and
 * refetch them together so the board re-renders once.
 */
let queued = new Set<string>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function queueRefetch(ids: string[]): void {
  for (const id of ids) {
    queued.add(id);
    touchedDuringLoad?.add(id);
  }
  flushTimer ??= setTimeout(() => void flush(), 16);
}

async function flush(): Promise<void> {
  flushTimer = undefined;
  const ids = [...queued];
  queued = new Set();
  let found: PortSummary[];
  try {
    found = await rpc.call('ports.summaries', { ids });
  } catch {
    return;
  }
  const present = new Set(found.map((p) => p.id));
  const gone = ids.filter((id) => !present.has(id));
  const store = usePortsStore.getState();
  store.upsert(found);
  if (gone.length > 0) store.remove(gone);
  const changed = new Set(ids);
  for (const l of detailListeners) l(changed, false);
}

function handle(event: ChangeEvent): void {
  if (event.type === 'ports') {
    if (event.removed.length > 0) {
      usePortsStore.getState().remove(event.removed);
      for (const id of event.removed) touchedDuringLoad?.add(id);
      const removed = new Set(event.removed);
      for (const l of detailListeners) l(removed, false);
    }
    if (event.ids.length > 0) queueRefetch(event.ids);
  } else if (event.type === 'reload') {
    void loadAll();
    for (const l of detailListeners) l(new Set(), true);
  }
}

/**
 * Start feeding the ports store from RPC. The first load comes with the subscription's 'reload'
 * (sent once change events flow), so nothing written between the load and the stream is missed.
 * Returns a stop function.
 */
export function startPortsFeed(): () => void {
  return rpc.subscribe(handle);
}
