import { create } from 'zustand';
import type { PortState } from '../../../shared/model';
import type { BoardFilter } from '../board/boardColumns';

/**
 * The board's search and filters: the fields of {@link BoardFilter}, except that the number
 * index's answer is kept with the query it answered (`numberMatch`), so a stale answer is ignored.
 */
export interface FilterState extends Omit<BoardFilter, 'numberPortIds'> {
  /** Ports whose numbers match a number-looking query (numbers.search/lookup): undefined while not a number or pending. */
  numberMatch: { query: string; portIds: ReadonlySet<string> } | undefined;
  setQuery(query: string): void;
  toggleState(state: PortState): void;
  setFocRange(from: string, to: string): void;
  setNeedsAttention(on: boolean): void;
  setReadyToSubmit(on: boolean): void;
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
  readyToSubmit: false,
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
  setReadyToSubmit: (readyToSubmit) => set({ readyToSubmit }),
  setAccount: (account) => set({ account }),
  setTag: (tag) => set({ tag }),
  setNumberMatch: (numberMatch) => set({ numberMatch }),
  clear: () => set({ query: '', states: new Set(), focFrom: '', focTo: '', needsAttention: false, readyToSubmit: false, account: '', tag: '', numberMatch: undefined }),
}));
