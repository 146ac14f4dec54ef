/** A rectangle in viewport pixels (what getBoundingClientRect gives). */
export interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

export interface Placement {
  top: number;
  left: number;
  /** Set when no side has room for the whole popup: it scrolls within this height instead of leaving the window. */
  maxHeight?: number;
}

/** Space kept between the popup and the window's edges, and between the popup and what it must not cover. */
const MARGIN = 8;
const GAP = 4;

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(value, Math.max(low, high)));

/**
 * Where a fixed-position popup goes so it lies wholly inside the viewport and covers neither its
 * anchor nor `keepClear` (the toolbar the anchor sits in: a menu over the bulk bar would hide the
 * bar's other actions while the specialist picks a target). Below if there is room, else above,
 * else beside (right, then left); when no side can hold it whole, the side with the most room,
 * with a height cap so it scrolls.
 */
export function placePopup(anchor: Box, keepClear: Box | null, size: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const clear = keepClear
    ? { top: Math.min(anchor.top, keepClear.top), left: Math.min(anchor.left, keepClear.left), right: Math.max(anchor.right, keepClear.right), bottom: Math.max(anchor.bottom, keepClear.bottom) }
    : anchor;
  // Above or below, the popup's right edge lines up with the anchor's (as menus opened from a button do).
  const alignedLeft = clamp(anchor.right - size.width, MARGIN, viewport.width - MARGIN - size.width);
  const roomBelow = viewport.height - MARGIN - (clear.bottom + GAP);
  const roomAbove = clear.top - GAP - MARGIN;
  if (size.height <= roomBelow) return { top: clear.bottom + GAP, left: alignedLeft };
  if (size.height <= roomAbove) return { top: clear.top - GAP - size.height, left: alignedLeft };

  const besideTop = clamp(anchor.top, MARGIN, viewport.height - MARGIN - size.height);
  const fullHeight = viewport.height - 2 * MARGIN;
  const besideFits = size.height <= fullHeight;
  if (besideFits && clear.right + GAP + size.width <= viewport.width - MARGIN) return { top: besideTop, left: clear.right + GAP };
  if (besideFits && clear.left - GAP - size.width >= MARGIN) return { top: besideTop, left: clear.left - GAP - size.width };

  if (roomBelow >= roomAbove) return { top: clear.bottom + GAP, left: alignedLeft, maxHeight: Math.max(roomBelow, 0) };
  const height = Math.max(roomAbove, 0);
  return { top: clear.top - GAP - height, left: alignedLeft, maxHeight: height };
}
