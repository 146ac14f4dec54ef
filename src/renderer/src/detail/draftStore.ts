import { create } from 'zustand';

/**
 * Unsaved edits of port fields, per port, kept when the detail closes (Escape, another card, the
 * close button) so reopening the port shows them again. In memory only: a PIN or account number
 * typed but not saved is not written to disk behind the user's back.
 */
export interface DraftState {
  /** Port id → edited field → text as typed (only fields that differ from the saved port). */
  drafts: Record<string, Record<string, string>>;
  keep(portId: string, edits: Record<string, string>): void;
  clear(portId: string): void;
}

export const useDraftStore = create<DraftState>()((set) => ({
  drafts: {},
  keep: (portId, edits) =>
    set((s) => {
      const drafts = { ...s.drafts };
      if (Object.keys(edits).length === 0) delete drafts[portId];
      else drafts[portId] = edits;
      return { drafts };
    }),
  clear: (portId) =>
    set((s) => {
      if (!(portId in s.drafts)) return s;
      const drafts = { ...s.drafts };
      delete drafts[portId];
      return { drafts };
    }),
}));

/** How many unsaved edits a port has (0 when none). */
export function draftCount(portId: string): number {
  return Object.keys(useDraftStore.getState().drafts[portId] ?? {}).length;
}
