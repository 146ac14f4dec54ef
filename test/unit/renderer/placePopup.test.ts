import { describe, expect, it } from 'vitest';
import { placePopup, type Box } from '../../../src/renderer/src/ui/placePopup';

const viewport = { width: 1280, height: 720 };
const box = (left: number, top: number, width: number, height: number): Box => ({ left, top, right: left + width, bottom: top + height });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('placePopup', () => {
  // The bulk bar at 1280x720: fixed near the bottom, its "Move selected to…" button inside its padding.
  const bar = box(294, 656, 691, 44);
  const button = box(398, 664, 156, 28);

  it('opens above a bar at the bottom, clear of the whole bar rather than only the button, right edge on the button', () => {
    const size = { width: 220, height: 102 };
    const at = placePopup(button, bar, size, viewport);
    const menu = box(at.left, at.top, size.width, size.height);
    expect(overlaps(menu, bar)).toBe(false);
    expect(at).toEqual({ top: 656 - 4 - 102, left: 554 - 220 });
  });

  it('opens below when there is room, and stays inside the window horizontally', () => {
    expect(placePopup(box(1240, 100, 60, 28), null, { width: 220, height: 200 }, viewport)).toEqual({ top: 132, left: 1280 - 8 - 220 });
    expect(placePopup(box(0, 100, 60, 28), null, { width: 220, height: 200 }, viewport).left).toBe(8);
  });

  it('goes beside when neither above nor below has room', () => {
    const tall = box(200, 300, 200, 120);
    const at = placePopup(tall, null, { width: 220, height: 300 }, viewport);
    expect(at).toEqual({ top: 300, left: 404 });
    const nearRight = box(1000, 300, 200, 120);
    expect(placePopup(nearRight, null, { width: 220, height: 300 }, viewport)).toEqual({ top: 300, left: 1000 - 4 - 220 });
  });

  it('caps its height on the side with most room when it fits nowhere whole', () => {
    const wide = box(0, 600, 1280, 40);
    const at = placePopup(wide, null, { width: 220, height: 900 }, viewport);
    expect(at.maxHeight).toBe(600 - 4 - 8);
    expect(at.top).toBe(8);
  });
});
