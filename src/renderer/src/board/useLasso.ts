import { useCallback, useState, type PointerEvent } from 'react';
import { useBoardStore } from '../stores/boardStore';
import { rectFrom, touches, type Rect } from './lasso';

/** Movement below this is a click on the background (clears the selection), not a lasso. */
const THRESHOLD = 4;

/** Things on the board background that have their own pointer meaning. */
const INTERACTIVE = '[data-port-id], button, input, select, a, label, .column-header';

/**
 * Lasso selection: a drag that starts on empty board background draws a rectangle and selects
 * every rendered card it touches; with Shift the cards add to the current selection. Cards are
 * measured from the DOM, so only the virtualised rows on screen can be caught, which is what the
 * specialist sees anyway.
 */
export function useLasso(): { rect: Rect | null; onPointerDown(e: PointerEvent<HTMLElement>): void } {
  const [rect, setRect] = useState<Rect | null>(null);

  const onPointerDown = useCallback((e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0 || !(e.target instanceof Element) || e.target.closest(INTERACTIVE)) return;
    const board = e.currentTarget;
    const start = { x: e.clientX, y: e.clientY };
    const base = e.shiftKey ? new Set(useBoardStore.getState().selected) : new Set<string>();
    let moved = false;
    // No text selection while drawing the rectangle.
    e.preventDefault();

    const onMove = (ev: globalThis.PointerEvent) => {
      if (!moved && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < THRESHOLD) return;
      moved = true;
      const r = rectFrom(start, { x: ev.clientX, y: ev.clientY });
      setRect(r);
      const ids = new Set(base);
      for (const el of board.querySelectorAll<HTMLElement>('[data-port-id]')) {
        if (touches(r, el.getBoundingClientRect())) ids.add(el.dataset.portId as string);
      }
      const store = useBoardStore.getState();
      if (ids.size !== store.selected.size || [...ids].some((id) => !store.selected.has(id))) store.setSelected(ids, store.anchorId);
    };
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
      setRect(null);
      if (!moved && base.size === 0) useBoardStore.getState().clearSelection();
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onUp);
  }, []);

  return { rect, onPointerDown };
}
