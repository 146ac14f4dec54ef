/**
 * Text from outside (RPC input, imported cells, pulled documents) is normalised on the way in so
 * what is stored prints and compares as it reads: no NUL or terminal escapes, no bidi overrides
 * that show "gpj.exe" as "exe.jpg", no invisible-only names, no lone surrogates, NFC.
 */

/** ANSI/VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-byte ESC x. */
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])/g;
/** Line breaks and tabs: a space in a one-line field. */
const BREAKS = /[\t\n\r\u0085\u2028\u2029]/g;
/** C0/C1 controls left after escapes and breaks are handled (NUL, BEL, ESC, DEL, ...). */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const CONTROLS_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides, isolates and marks (U+202E shows text reversed). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Invisible characters with no writing role (ZWSP, word joiner, BOM). ZWJ/ZWNJ are kept: scripts need them. */
const INVISIBLE = /[\u200b\u2060\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Anything above needs work; most text has none and takes the fast path. */
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff\u2028\u2029]/;
/** Only joiners, spaces and combining marks: nothing a reader could see. */
const NOTHING_VISIBLE = /^[\s\u200c\u200d\p{M}]*$/u;

/**
 * One-line text as stored: escapes and controls removed, breaks become spaces, bidi controls and
 * invisibles dropped, lone surrogates replaced (U+FFFD), NFC; a result with nothing visible is ''.
 */
export function cleanText(value: string, options: { multiline?: boolean } = {}): string {
  // Most fields of a pulled request are empty: 200,000 of them in a 10,000-port pull.
  if (value === '') return value;
  let out = value;
  if (NEEDS_CLEANING.test(out)) {
    out = out.replace(LONE_SURROGATE, '\ufffd').replace(ESCAPE_SEQUENCE, '').replace(BIDI, '').replace(INVISIBLE, '');
    out = options.multiline ? out.replace(/\r\n?/g, '\n').replace(CONTROLS, '') : out.replace(BREAKS, ' ').replace(CONTROLS_ONE_LINE, '');
  }
  if (/[^\u0000-\u007f]/.test(out)) out = out.normalize('NFC');
  return NOTHING_VISIBLE.test(out) ? '' : out;
}

/**
 * Any character {@link UNSAFE_FOR_TERMINAL} may match, surrogate pairs included: one pass without
 * its lookarounds, about a quarter of the cost over a large report that needs no escape (a
 * 100k-row import's 3.9 MB --json report goes through twice).
 */
const MAY_BE_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029\ud800-\udfff]/;

/** Characters a terminal would act on or display deceptively. */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text for a terminal: every control (ESC first of all), bidi control and lone surrogate written
 * as a visible \uXXXX escape, so stored text can never recolour, move or reverse what is printed.
 * Line breaks and tabs stay. The escapes are also valid inside JSON strings.
 */
export function escapeForTerminal(text: string): string {
  if (!MAY_BE_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_FOR_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
