import { degrees, type PDFFont, type PDFPage, type RGB } from '@cantoo/pdf-lib';

/** One stretch of text drawn with one font. */
export interface TextRun {
  font: PDFFont;
  text: string;
}

export interface DrawOptions {
  x: number;
  y: number;
  size: number;
  color: RGB;
  opacity?: number;
}

const RTL_STRONG = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/**
 * A face and its fallbacks: each character is drawn with the first font that has it (Noto Sans,
 * then Arabic, Hebrew, CJK), a character none has as "?" (recorded in `unprintable`, so the caller
 * can say so). Arabic and Hebrew runs are shaped and reversed by fontkit; a line that starts with
 * a right-to-left letter also puts its runs right to left (the paragraph direction of the Unicode
 * bidi algorithm; a full bidi pass is more than names need).
 */
export class FontChain {
  private readonly sets: Set<number>[];

  constructor(
    readonly fonts: readonly PDFFont[],
    readonly unprintable: Set<string>,
    /** Slant in degrees for an oblique style drawn from an upright font. */
    private readonly slant = 0,
  ) {
    this.sets = fonts.map((f) => new Set(f.getCharacterSet()));
  }

  get primary(): PDFFont {
    return this.fonts[0] as PDFFont;
  }

  /**
   * The runs of `text` in drawing order (left to right). `rtl`: the paragraph's direction, when
   * `text` is one line of a longer paragraph (else the direction of its own first letter).
   */
  runs(text: string, rtl = startsRightToLeft(text)): TextRun[] {
    const runs: { index: number; text: string }[] = [];
    // Spaces wait for the next letter: between two letters of one face they stay in its run (so
    // "محمد علي" is one right-to-left run), else they go with the main face.
    let spaces = '';
    const push = (index: number, ch: string) => {
      const last = runs[runs.length - 1];
      if (last && last.index === index) last.text += ch;
      else runs.push({ index, text: ch });
    };
    const flushSpaces = (next: number | undefined) => {
      if (spaces === '') return;
      const last = runs[runs.length - 1];
      const index = last && last.index === next && this.sets[next]?.has(32) ? next : 0;
      push(index, spaces);
      spaces = '';
    };
    for (const original of text.normalize('NFC')) {
      let ch = original;
      if (/\s/u.test(ch)) {
        spaces += ch;
        continue;
      }
      let index = this.sets.findIndex((s) => s.has(ch.codePointAt(0) ?? 0));
      if (index < 0) {
        if (/[\p{Cf}\p{Mn}]/u.test(ch) && runs.length > 0) continue; // joiners and stray marks: nothing to print
        this.unprintable.add(ch);
        ch = '?';
        index = 0;
      }
      flushSpaces(index);
      push(index, ch);
    }
    flushSpaces(undefined);
    if (!rtl) return runs.map((r) => ({ font: this.fonts[r.index] as PDFFont, text: r.text }));
    // Right to left: the runs reversed, and a left-to-right run's leading spaces moved to its
    // right-hand end, where they separate it from the run that precedes it in reading order.
    return runs.reverse().map((r) => ({ font: this.fonts[r.index] as PDFFont, text: RTL_STRONG.test(r.text) ? r.text : r.text.replace(/^(\s+)(.*)$/su, '$2$1') }));
  }

  widthOf(text: string, size: number): number {
    return this.runs(text).reduce((sum, r) => sum + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  draw(page: PDFPage, text: string, o: DrawOptions & { rtl?: boolean }): void {
    let x = o.x;
    for (const run of this.runs(text, o.rtl)) {
      page.drawText(run.text, {
        x,
        y: o.y,
        size: o.size,
        font: run.font,
        color: o.color,
        ...(o.opacity === undefined ? {} : { opacity: o.opacity }),
        ...(this.slant ? { ySkew: degrees(this.slant) } : {}),
      });
      x += run.font.widthOfTextAtSize(run.text, o.size);
    }
  }

  drawRight(page: PDFPage, text: string, o: Omit<DrawOptions, 'x'> & { right: number }): void {
    this.draw(page, text, { ...o, x: o.right - this.widthOf(text, o.size) });
  }
}

/** The direction of a paragraph by its first strong letter (rule P2 of the Unicode bidi algorithm). */
export function startsRightToLeft(text: string): boolean {
  for (const ch of text) {
    if (RTL_STRONG.test(ch)) return true;
    if (/\p{L}/u.test(ch)) return false;
  }
  return false;
}

/** Break `text` into lines no wider than `maxWidth` at `size`, on spaces (long words are split). */
export function wrapText(face: FontChain, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (face.widthOf(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (face.widthOf(line, size) > maxWidth && Array.from(line).length > 1) {
        const chars = Array.from(line);
        let cut = chars.length - 1;
        while (cut > 1 && face.widthOf(chars.slice(0, cut).join(''), size) > maxWidth) cut--;
        lines.push(chars.slice(0, cut).join(''));
        line = chars.slice(cut).join('');
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Shorten `text` with an ellipsis so it fits `maxWidth` (for single-line field values). */
export function fitText(face: FontChain, text: string, size: number, maxWidth: number): string {
  if (face.widthOf(text, size) <= maxWidth) return text;
  const chars = Array.from(text);
  let end = chars.length;
  while (end > 0 && face.widthOf(`${chars.slice(0, end).join('')}...`, size) > maxWidth) end--;
  return `${chars.slice(0, end).join('').trimEnd()}...`;
}
