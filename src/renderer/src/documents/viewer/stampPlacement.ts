/** A point in a page's editor layer, in CSS pixels from its top-left corner. */
export interface Point {
  x: number;
  y: number;
}

/** Diagonal step between successive stamps: enough to see and grab each one. */
export const CASCADE_STEP = 48;
/** After this many steps the cascade starts again at the centre rather than walking off the page. */
export const CASCADE_LENGTH = 5;

/**
 * Where the `index`-th stamp placed on the same page goes: the first at the centre of the visible
 * part of the page (where pdf.js would put it), each next one a step down and right, so a
 * signature, a date stamp and a rectangle placed in a row do not hide one another.
 */
export function cascadePoint(center: Point, index: number): Point {
  const step = (index % CASCADE_LENGTH) * CASCADE_STEP;
  return { x: center.x + step, y: center.y + step };
}

/**
 * The centre of the part of `layer` (a page's editor layer) visible in the window, in the layer's
 * own coordinates; rotated pages swap the axes, as pdf.js's own placement does.
 */
export function visibleCenter(layer: DOMRect, view: { width: number; height: number }, rotation: number): Point {
  const left = Math.max(0, layer.x);
  const top = Math.max(0, layer.y);
  const right = Math.min(view.width, layer.x + layer.width);
  const bottom = Math.min(view.height, layer.y + layer.height);
  const x = (left + right) / 2 - layer.x;
  const y = (top + bottom) / 2 - layer.y;
  return rotation % 180 === 0 ? { x, y } : { x: y, y: x };
}
