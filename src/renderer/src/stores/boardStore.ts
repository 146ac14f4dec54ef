import { create } from 'zustand';
import type { PortState } from '../../../shared/model';

/** What is being dragged: the ports and the states all of them may go to (the columns that light up). */
export interface DragInfo {
  ids: string[];
  targets: PortState[];
}

/** Board interaction state: selection, keyboard focus, the open "Move to…" menu, collapsed columns, drag, a card pressed. */
export interface BoardState {
  selected: ReadonlySet<string>;
  /** Anchor of a shift-click range. */
  anchorId: string | null;
  focusedId: string | null;
  menuFor: string | null;
  collapsed: ReadonlySet<PortState>;
  drag: DragInfo | null;
  /** A pointer is down on a card (from pointerdown until just after its click): arrivals wait, see useViewPorts. */
  pressed: boolean;
  setSelected(ids: Iterable<string>, anchorId?: string | null): void;
  toggleSelected(id: string): void;
  clearSelection(): void;
  setFocused(id: string | null): void;
  setMenuFor(id: string | null): void;
  toggleCollapsed(state: PortState): void;
  setDrag(drag: DragInfo | null): void;
  setPressed(pressed: boolean): void;
}

export const useBoardStore = create<BoardState>()((set) => ({
  selected: new Set(),
  anchorId: null,
  focusedId: null,
  menuFor: null,
  // Finished ports are history: keep them out of the way until asked for.
  collapsed: new Set<PortState>(['completed', 'canceled']),
  drag: null,
  pressed: false,
  setSelected: (ids, anchorId) => set((s) => ({ selected: new Set(ids), anchorId: anchorId === undefined ? s.anchorId : anchorId })),
  toggleSelected: (id) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { selected, anchorId: id };
    }),
  clearSelection: () => set({ selected: new Set(), anchorId: null }),
  setFocused: (focusedId) => set({ focusedId }),
  setMenuFor: (menuFor) => set({ menuFor }),
  toggleCollapsed: (state) =>
    set((s) => {
      const collapsed = new Set(s.collapsed);
      if (collapsed.has(state)) collapsed.delete(state);
      else collapsed.add(state);
      return { collapsed };
    }),
  setDrag: (drag) => set({ drag }),
  setPressed: (pressed) => set({ pressed }),
}));

/**
 * A pointer pressed a card: `pressed` holds until the press ends. The click comes after pointerup
 * in the same task, so the release waits one task more: the click lands on the card that was
 * pressed before ports that arrived meanwhile move in under the pointer. A press that turns into a
 * drag ends with pointercancel; the drag then holds arrivals itself.
 */
export function holdArrivalsWhilePressed(): void {
  if (useBoardStore.getState().pressed) return;
  useBoardStore.getState().setPressed(true);
  // The window losing focus mid-press (Alt+Tab) may never send pointerup: it releases too, so the
  // board cannot stay frozen. Its blur is listened to without capture: captured, the blur of the
  // field the press takes focus from released at once.
  const release = () => {
    window.removeEventListener('pointerup', release, true);
    window.removeEventListener('pointercancel', release, true);
    window.removeEventListener('blur', release);
    setTimeout(() => useBoardStore.getState().setPressed(false), 0);
  };
  window.addEventListener('pointerup', release, true);
  window.addEventListener('pointercancel', release, true);
  window.addEventListener('blur', release);
}
