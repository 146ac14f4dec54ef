/**
 * Split pasted text into candidate numbers: one per line, or separated by commas, semicolons or
 * tabs (spreadsheet cells). Spaces are kept because people write "+1 202 555 9000".
 */
export function splitNumbers(text: string): string[] {
  return text
    .split(/[\n\r,;\t]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
