import { create } from 'zustand';
import type { PortState, PortSummary } from '../../../shared/model';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Every port the board knows, keyed by id. Summaries are replaced (never mutated) so memoised
 * cards re-render only when their own port changes.
 */
export interface PortsState {
  byId: ReadonlyMap<string, PortSummary>;
  status: LoadStatus;
  error: string | null;
  /** Ports moved optimistically and not yet confirmed, with the state to roll back to. */
  pendingMoves: ReadonlyMap<string, PortState>;
  setAll(ports: PortSummary[]): void;
  setLoading(): void;
  setError(message: string): void;
  upsert(ports: PortSummary[]): void;
  remove(ids: string[]): void;
  /** Apply a move locally before the service confirms it. */
  moveOptimistic(ids: string[], to: PortState): void;
  /** Forget the optimistic marker (confirmed: the upsert already holds the truth). */
  settleMove(id: string): void;
  /** Put a refused move back where it was, unless something newer already replaced it. */
  rollbackMove(id: string): void;
}

export const usePortsStore = create<PortsState>()((set) => ({
  byId: new Map(),
  status: 'idle',
  error: null,
  pendingMoves: new Map(),
  setAll: (ports) => set({ byId: new Map(ports.map((p) => [p.id, p])), status: 'ready', error: null }),
  setLoading: () => set((s) => (s.status === 'ready' ? s : { status: 'loading' })),
  setError: (message) => set({ status: 'error', error: message }),
  upsert: (ports) =>
    set((s) => {
      if (ports.length === 0) return s;
      const byId = new Map(s.byId);
      for (const p of ports) byId.set(p.id, p);
      return { byId };
    }),
  remove: (ids) =>
    set((s) => {
      const byId = new Map(s.byId);
      for (const id of ids) byId.delete(id);
      return { byId };
    }),
  moveOptimistic: (ids, to) =>
    set((s) => {
      const byId = new Map(s.byId);
      const pendingMoves = new Map(s.pendingMoves);
      for (const id of ids) {
        const p = byId.get(id);
        if (!p) continue;
        if (!pendingMoves.has(id)) pendingMoves.set(id, p.state);
        byId.set(id, { ...p, state: to, syncStatus: 'pending' });
      }
      return { byId, pendingMoves };
    }),
  settleMove: (id) =>
    set((s) => {
      if (!s.pendingMoves.has(id)) return s;
      const pendingMoves = new Map(s.pendingMoves);
      pendingMoves.delete(id);
      return { pendingMoves };
    }),
  rollbackMove: (id) =>
    set((s) => {
      const from = s.pendingMoves.get(id);
      const pendingMoves = new Map(s.pendingMoves);
      pendingMoves.delete(id);
      const p = s.byId.get(id);
      if (from === undefined || !p) return { pendingMoves };
      const byId = new Map(s.byId);
      byId.set(id, { ...p, state: from });
      return { byId, pendingMoves };
    }),
}));
