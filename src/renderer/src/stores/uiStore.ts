import { create } from 'zustand';

export type Screen = 'board' | 'import' | 'sync' | 'settings';

/** App-level view state: which screen, which port is open, which dialog is up. */
export interface UiState {
  screen: Screen;
  openPortId: string | null;
  /**
   * The port whose detail panel was just closed from the keyboard: the board, its lanes or the
   * table hands focus back to its card or row once the panel is gone (Board's layout effect).
   */
  returnFocusTo: string | null;
  createOpen: boolean;
  /** Bumped to ask the search box to take focus (menu command, shortcut). */
  searchFocus: number;
  setScreen(screen: Screen): void;
  openPort(id: string | null): void;
  /** Close the open port and ask for focus back on its card or row (see returnFocusTo). */
  closePort(): void;
  focusReturned(): void;
  setCreateOpen(open: boolean): void;
  focusSearch(): void;
}

export const useUiStore = create<UiState>()((set) => ({
  screen: 'board',
  openPortId: null,
  returnFocusTo: null,
  createOpen: false,
  searchFocus: 0,
  setScreen: (screen) => set({ screen }),
  openPort: (openPortId) => set({ openPortId }),
  // Only the board (cards, lanes, table) takes focus back: asked elsewhere, it would be taken later,
  // on the next visit to the board.
  closePort: () => set((s) => ({ openPortId: null, returnFocusTo: s.screen === 'board' ? s.openPortId : null })),
  focusReturned: () => set({ returnFocusTo: null }),
  setCreateOpen: (createOpen) => set({ createOpen }),
  focusSearch: () => set((s) => ({ screen: 'board', searchFocus: s.searchFocus + 1 })),
}));
