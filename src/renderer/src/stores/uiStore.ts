import { create } from 'zustand';

export type Screen = 'board' | 'import' | 'sync' | 'settings';

/** App-level view state: which screen, which port is open, which dialog is up. */
export interface UiState {
  screen: Screen;
  openPortId: string | null;
  createOpen: boolean;
  /** Bumped to ask the search box to take focus (menu command, shortcut). */
  searchFocus: number;
  setScreen(screen: Screen): void;
  openPort(id: string | null): void;
  setCreateOpen(open: boolean): void;
  focusSearch(): void;
}

export const useUiStore = create<UiState>()((set) => ({
  screen: 'board',
  openPortId: null,
  createOpen: false,
  searchFocus: 0,
  setScreen: (screen) => set({ screen }),
  openPort: (openPortId) => set({ openPortId }),
  setCreateOpen: (createOpen) => set({ createOpen }),
  focusSearch: () => set((s) => ({ screen: 'board', searchFocus: s.searchFocus + 1 })),
}));
