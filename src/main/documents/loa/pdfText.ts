import type { PDFFont } from '@cantoo/pdf-lib';

/** Letters the standard fonts' WinAnsi encoding lacks, with the closest letter it has. */
const FALLBACK: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ø: 'O', ø: 'o', Ŀ: 'L', ŀ: 'l',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ',
};

/**
 * Make `text` drawable with a standard (WinAnsi) font: the PDF standard fonts cannot show every
 * Unicode letter and pdf-lib throws on the first one they lack. Accented letters outside WinAnsi
 * lose their accent (ő -> o), a few letters get a look-alike, anything else becomes `?`.
 */
export function toFontText(font: PDFFont, text: string): string {
  const supported = supportedSet(font);
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (supported.has(code)) {
      out += ch;
      continue;
    }
    const mapped = FALLBACK[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += Array.from(mapped).every((c) => supported.has(c.codePointAt(0) ?? 0)) && mapped !== '' ? mapped : '?';
  }
  return out;
}

const SETS = new WeakMap<PDFFont, Set<number>>();
function supportedSet(font: PDFFont): Set<number> {
  let set = SETS.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    SETS.set(font, set);
  }
  return set;
}

/** Break `text` into lines no wider than `maxWidth` at `size`, on spaces (long words are split). */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > maxWidth && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > maxWidth) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Shorten `text` with an ellipsis so it fits `maxWidth` (for single-line field values). */
export function fitText(font: PDFFont, text: string, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  let end = text.length;
  while (end > 0 && font.widthOfTextAtSize(`${text.slice(0, end)}...`, size) > maxWidth) end--;
  return `${text.slice(0, end).trimEnd()}...`;
}
