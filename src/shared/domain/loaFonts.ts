/**
 * What to tell the user when the LOA's fonts cannot draw some characters of the port's data (they
 * are printed as "?"): the characters themselves with their code points, so the field can be fixed
 * or the letter filled in by hand.
 */
export function unprintableNote(chars: readonly string[]): string {
  const shown = chars.slice(0, 8).map((c) => `"${c}" (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`);
  const more = chars.length > shown.length ? ` and ${chars.length - shown.length} more` : '';
  return `The LOA's fonts cannot print ${shown.join(', ')}${more}; each is printed as "?". Check the letter before it is signed.`;
}
