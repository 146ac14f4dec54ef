import type { ImportCountsView } from '../rpc/methods/import';

/**
 * What the rows with errors of a checked import do, in words the window and the CLI both print.
 * A row with errors is not skipped whole: each number an error names is left out, and the row's
 * other numbers are imported. Saying "skipped" of all of them would send a specialist to import
 * again numbers that are already in.
 */
export function errorRowsSummary(counts: Pick<ImportCountsView, 'rowsWithErrors' | 'rowsPartial'>): string | null {
  const skipped = counts.rowsWithErrors - counts.rowsPartial;
  const parts: string[] = [];
  if (skipped > 0) parts.push(`${rows(skipped)} with errors skipped`);
  if (counts.rowsPartial > 0) parts.push(`${rows(counts.rowsPartial)} with errors imported in part (only ${counts.rowsPartial === 1 ? 'its' : 'their'} numbers without an error)`);
  return parts.length > 0 ? parts.join('; ') : null;
}

const rows = (n: number) => `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
