import bidiFactory from 'bidi-js';

/**
 * The Unicode Bidirectional Algorithm (UAX #9) for one drawn line, by bidi-js: it resolves the
 * embedding levels (weak types, neutrals, paired brackets, isolates), and we reorder and mirror
 * from them. PDF text has no direction of its own: a line is drawn left to right in the order
 * this gives.
 */
const bidi = bidiFactory();

export type TextDirection = 'ltr' | 'rtl';

/**
 * Characters that can make a level other than 0 in a left-to-right paragraph: the right-to-left
 * blocks (Hebrew to Arabic Extended, their presentation forms, the astral RTL scripts, which hold
 * every R, AL and AN character) and the explicit marks, embeddings and isolates. A line without
 * any is drawn as it is written, and most of the letter (every number, label and Latin name) is.
 */
const BIDI_RELEVANT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F\u202A-\u202E\u2066-\u2069\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** One character of a line in visual order, with its resolved embedding level (odd: right to left). */
export interface VisualChar {
  ch: string;
  level: number;
}

/**
 * The direction of a paragraph by its first strong character, skipping isolates (rules P2 and
 * P3); left to right when it has none (digits, punctuation, an empty field).
 */
export function paragraphDirection(text: string): TextDirection {
  if (!BIDI_RELEVANT.test(text)) return 'ltr';
  const first = bidi.getEmbeddingLevels(text).paragraphs[0];
  return first !== undefined && first.level % 2 === 1 ? 'rtl' : 'ltr';
}

/**
 * The characters of one line (no line breaks) left to right as they are seen: levels resolved in
 * `direction` ('auto': by rules P2/P3), trailing spaces at the paragraph level (L1), runs
 * reversed from the highest level down (L2), and a mirrored glyph for brackets and the like in
 * right-to-left runs (L4). Code points stay whole: a surrogate pair is never split by a reversal.
 */
export function visualOrder(text: string, direction: TextDirection | 'auto' = 'auto'): VisualChar[] {
  if (direction !== 'rtl' && !BIDI_RELEVANT.test(text)) return Array.from(text, (ch) => ({ ch, level: 0 }));
  const embedding = bidi.getEmbeddingLevels(text, direction);
  const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels);
  const out: VisualChar[] = [];
  for (const i of bidi.getReorderedIndices(text, embedding)) {
    if (isLowSurrogate(text.charCodeAt(i)) && i > 0 && isHighSurrogate(text.charCodeAt(i - 1))) continue;
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0xfffd);
    out.push({ ch: mirrored.get(i) ?? ch, level: embedding.levels[i] ?? 0 });
  }
  return out;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
