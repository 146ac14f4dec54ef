import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';

/**
 * The virtualizer's range plus one pinned index, as @tanstack/react-virtual documents for sticky
 * items: the keyboard's tab stop stays drawn however far the list is scrolled from it, so Tab
 * reaches it (focusing it scrolls it into view). -1 pins nothing.
 */
export function pinnedRange(pin: number): (range: Range) => number[] {
  return (range) => {
    const indexes = defaultRangeExtractor(range);
    if (pin < 0 || pin >= range.count || indexes.includes(pin)) return indexes;
    return pin < (indexes[0] ?? 0) ? [pin, ...indexes] : [...indexes, pin];
  };
}
