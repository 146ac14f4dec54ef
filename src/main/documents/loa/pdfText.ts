import { degrees, type PDFFont, type PDFPage, type RGB } from '@cantoo/pdf-lib';
import { type TextDirection, visualOrder } from './bidiOrder';

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
  /** The paragraph direction of the line; a composed English line is 'ltr' whatever it quotes. */
  direction?: TextDirection;
}

/**
 * Scripts fontkit lays out right to left (its Script.js RTL list, as far as the LOA fonts go): it
 * shapes such a run in logical order and reverses the glyphs itself.
 */
const SHAPED_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const SCRIPT_SPECIFIC = /[^\p{Script=Common}\p{Script=Inherited}]/u;

/** Whether fontkit reverses `text`: it takes the direction of the first character of a specific script. */
function shaperReverses(text: string): boolean {
  const first = SCRIPT_SPECIFIC.exec(text);
  return first !== null && SHAPED_RTL.test(first[0]);
}

function widthOfRuns(runs: readonly TextRun[], size: number): number {
  return runs.reduce((sum, r) => sum + r.font.widthOfTextAtSize(r.text, size), 0);
}

/**
 * A face and its fallbacks: each character is drawn with the first font that has it (Noto Sans,
 * then Arabic, Hebrew, CJK), a character none has as "?" (recorded in `unprintable`, so the caller
 * can say so). Mixed directions follow the Unicode bidi algorithm (./bidiOrder): the line is put in
 * visual order, then cut into runs of one face and one embedding level, drawn left to right.
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
   * The runs of the line `text` in drawing order (left to right), each as the string to hand its
   * font: an Arabic or Hebrew run in logical order, since fontkit shapes it and reverses the
   * glyphs itself; any other run as seen. `direction`: the paragraph's ('auto': by its first
   * strong character, rules P2/P3 of the bidi algorithm).
   */
  runs(text: string, direction: TextDirection | 'auto' = 'auto'): TextRun[] {
    const cells: { face: number; ch: string; level: number }[] = [];
    for (const { ch, level } of visualOrder(text.normalize('NFC'), direction)) {
      if (/\s/u.test(ch)) {
        cells.push({ face: -1, ch, level });
        continue;
      }
      const face = this.sets.findIndex((s) => s.has(ch.codePointAt(0) ?? 0));
      if (face >= 0) cells.push({ face, ch, level });
      // Bidi marks, joiners and stray combining marks have no glyph: nothing to print.
      else if (!/[\p{Cf}\p{Mn}]/u.test(ch)) {
        this.unprintable.add(ch);
        cells.push({ face: 0, ch: '?', level });
      }
    }
    // Spaces between two letters of one face and level stay in its run (so "محمد علي" is shaped as
    // one run), else they go with the main face.
    cells.forEach((cell, i) => {
      if (cell.face !== -1) return;
      let j = i;
      while (cells[j]?.face === -1) j++;
      const before = cells[i - 1];
      const after = cells[j];
      const joins = before && after && before.face === after.face && before.level === cell.level && after.level === cell.level && this.sets[before.face]?.has(32);
      for (let k = i; k < j; k++) (cells[k] as { face: number }).face = joins ? before.face : 0;
    });
    const visual: { face: number; level: number; text: string }[] = [];
    for (const cell of cells) {
      const last = visual[visual.length - 1];
      if (last && last.face === cell.face && last.level === cell.level) last.text += cell.ch;
      else visual.push({ face: cell.face, level: cell.level, text: cell.ch });
    }
    const runs: (TextRun & { reversed: boolean })[] = [];
    for (const run of visual) {
      const reversed = shaperReverses(run.text);
      const font = this.fonts[run.face] as PDFFont;
      const input = reversed ? Array.from(run.text).reverse().join('') : run.text;
      const last = runs[runs.length - 1];
      // Neighbours fontkit draws as given join up, whatever their levels: fewer text objects.
      if (last && !reversed && !last.reversed && last.font === font) last.text += input;
      else runs.push({ font, text: input, reversed });
    }
    return runs.map(({ font, text: t }) => ({ font, text: t }));
  }

  widthOf(text: string, size: number, direction: TextDirection | 'auto' = 'auto'): number {
    return widthOfRuns(this.runs(text, direction), size);
  }

  /** Draw one line from `o.x` rightwards; `o.direction` is the paragraph's (default: left to right). */
  draw(page: PDFPage, text: string, o: DrawOptions): void {
    this.drawRuns(page, this.runs(text, o.direction ?? 'ltr'), o);
  }

  /** Draw one line ending at `o.right`, its runs worked out once for both its width and its drawing. */
  drawRight(page: PDFPage, text: string, o: Omit<DrawOptions, 'x'> & { right: number }): void {
    const runs = this.runs(text, o.direction ?? 'ltr');
    this.drawRuns(page, runs, { ...o, x: o.right - widthOfRuns(runs, o.size) });
  }

  private drawRuns(page: PDFPage, runs: readonly TextRun[], o: DrawOptions): void {
    let x = o.x;
    for (const run of runs) {
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
