import { create } from 'zustand';
import type { PortState } from '../../../shared/model';

/** The board's search and filters. `numberMatch` holds the ports the number index found for the query. */
export interface FilterState {
  query: string;
  states: ReadonlySet<PortState>;
  focFrom: string;
  focTo: string;
  needsAttention: boolean;
  /** One account: `name:<account name>` or `remote:<remote sub-account id>`; '' for all. */
  account: string;
  /** One local tag, '' for any. */
  tag: string;
  /** Ports whose numbers match a number-looking query (numbers.search/lookup): undefined while not a number or pending. */
  numberMatch: { query: string; portIds: ReadonlySet<string> } | undefined;
  setQuery(query: string): void;
  toggleState(state: PortState): void;
  setFocRange(from: string, to: string): void;
  setNeedsAttention(on: boolean): void;
  setAccount(account: string): void;
  setTag(tag: string): void;
  setNumberMatch(match: { query: string; portIds: ReadonlySet<string> } | undefined): void;
  clear(): void;
}

export const useFilterStore = create<FilterState>()((set) => ({
  query: '',
  states: new Set(),
  focFrom: '',
  focTo: '',
  needsAttention: false,
  account: '',
  tag: '',
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
  setAccount: (account) => set({ account }),
  setTag: (tag) => set({ tag }),
  setNumberMatch: (numberMatch) => set({ numberMatch }),
  clear: () => set({ query: '', states: new Set(), focFrom: '', focTo: '', needsAttention: false, account: '', tag: '', numberMatch: undefined }),
}));
