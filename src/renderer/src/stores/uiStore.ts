import { create } from 'zustand';

export type Screen = 'board' | 'import' | 'sync' | 'settings';

/** App-level view state: which screen, which port is open, which dialog is up. */
export interface UiState {
  screen: Screen;
  openPortId: string | null;
  createOpen: boolean;
  setScreen(screen: Screen): void;
  openPort(id: string | null): void;
  setCreateOpen(open: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  screen: 'board',
  openPortId: null,
  createOpen: false,
  setScreen: (screen) => set({ screen }),
  openPort: (openPortId) => set({ openPortId }),
  setCreateOpen: (createOpen) => set({ createOpen }),
}));
