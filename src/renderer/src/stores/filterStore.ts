import { create } from 'zustand';
import type { PortState } from '../../../shared/model';

/** The board's search and filters. `numberMatch` is the port the number index found for the query. */
export interface FilterState {
  query: string;
  states: ReadonlySet<PortState>;
  focFrom: string;
  focTo: string;
  needsAttention: boolean;
  /** Result of numbers.lookup for a number-looking query: undefined while not a number or pending. */
  numberMatch: { query: string; portId: string | null } | undefined;
  setQuery(query: string): void;
  toggleState(state: PortState): void;
  setFocRange(from: string, to: string): void;
  setNeedsAttention(on: boolean): void;
  setNumberMatch(match: { query: string; portId: string | null } | undefined): void;
  clear(): void;
}

export const useFilterStore = create<FilterState>()((set) => ({
  query: '',
  states: new Set(),
  focFrom: '',
  focTo: '',
  needsAttention: false,
  numberMatch: undefined,
  setQuery: (query) => set({ query }),
  toggleState: (state) =>
    set((s) => {
      const states = new Set(s.states);
      if (states.has(state)) states.delete(state);
      else states.add(state);
      return { states };
    }),
  setFocRange: (focFrom, focTo) => set({ focFrom, focTo }),
  setNeedsAttention: (needsAttention) => set({ needsAttention }),
  setNumberMatch: (numberMatch) => set({ numberMatch }),
  clear: () => set({ query: '', states: new Set(), focFrom: '', focTo: '', needsAttention: false, numberMatch: undefined }),
}));
