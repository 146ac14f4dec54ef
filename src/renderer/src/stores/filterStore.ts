import { create } from 'zustand';
import type { PortState } from '../../../shared/model';
import { EMPTY_FILTER, toPortFilter, type FocPreset, type PortFilter, type SavedFilter } from '../../../shared/domain/portFilter';

/** The ports a number-looking query found, and the number that matched on each (shown on the card). */
export interface NumberMatches {
  portIds: ReadonlySet<string>;
  numbers: ReadonlyMap<string, string>;
}

/**
 * The board's and table's search and filters: the fields of {@link PortFilter}, except that the
 * number index's answer is kept with the query it answered (`numberMatch`), so a stale answer is ignored.
 */
export interface FilterState extends Omit<PortFilter, 'numberPortIds'> {
  /** Ports whose numbers match a number-looking query (numbers.search/lookup): undefined while not a number or pending. */
  numberMatch: ({ query: string } & NumberMatches) | undefined;
  setQuery(query: string): void;
  toggleState(state: PortState): void;
  setFocRange(from: string, to: string): void;
  setFocPreset(preset: FocPreset): void;
  setNeedsAttention(on: boolean): void;
  setReadyToSubmit(on: boolean): void;
  setAccount(account: string): void;
  setTag(tag: string): void;
  setNumberMatch(match: ({ query: string } & NumberMatches) | undefined): void;
  /** Replace every filter with a saved view's. */
  apply(saved: SavedFilter): void;
  clear(): void;
}

export const useFilterStore = create<FilterState>()((set) => ({
  ...toPortFilter(EMPTY_FILTER),
  numberMatch: undefined,
  setQuery: (query) => set({ query }),
  toggleState: (state) =>
    set((s) => {
      const states = new Set(s.states);
      if (states.has(state)) states.delete(state);
      else states.add(state);
      return { states };
    }),
  // A custom range and a preset exclude each other: the latest choice wins.
  setFocRange: (focFrom, focTo) => set({ focFrom, focTo, focPreset: '' }),
  setFocPreset: (focPreset) => set({ focPreset, focFrom: '', focTo: '' }),
  setNeedsAttention: (needsAttention) => set({ needsAttention }),
  setReadyToSubmit: (readyToSubmit) => set({ readyToSubmit }),
  setAccount: (account) => set({ account }),
  setTag: (tag) => set({ tag }),
  setNumberMatch: (numberMatch) => set({ numberMatch }),
  apply: (saved) => set({ ...toPortFilter(saved), numberMatch: undefined }),
  clear: () => set({ ...toPortFilter(EMPTY_FILTER), numberMatch: undefined }),
}));

/** Whether any filter is set (the count shows "N of M", Clear is enabled). */
export function filterActive(f: Omit<PortFilter, 'numberPortIds'>): boolean {
  return (
    f.query !== '' ||
    f.states.size > 0 ||
    f.focPreset !== '' ||
    f.focFrom !== '' ||
    f.focTo !== '' ||
    f.needsAttention ||
    f.readyToSubmit ||
    f.account !== '' ||
    f.tag !== '' ||
    f.daysInStateOver !== null ||
    f.enteredWithinDays !== null
  );
}

/** The store's filters in their saved (JSON) form. */
export function currentSavedFilter(): SavedFilter {
  const f = useFilterStore.getState();
  return {
    query: f.query,
    states: [...f.states],
    focPreset: f.focPreset,
    focFrom: f.focFrom,
    focTo: f.focTo,
    needsAttention: f.needsAttention,
    readyToSubmit: f.readyToSubmit,
    account: f.account,
    tag: f.tag,
    daysInStateOver: f.daysInStateOver,
    enteredWithinDays: f.enteredWithinDays,
  };
}

/** The number a number-looking search matched on this port, while the query still holds it. */
export function useMatchedNumber(portId: string): string | undefined {
  return useFilterStore((s) => (s.numberMatch && s.numberMatch.query === s.query ? s.numberMatch.numbers.get(portId) : undefined));
}
