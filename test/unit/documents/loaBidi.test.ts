import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { paragraphDirection, visualOrder } from '../../../src/main/documents/loa/bidiOrder';
import { embedLoaFonts } from '../../../src/main/documents/loa/fonts';

/** The letters of a right-to-left word as they stand on the page, left to right. */
const seen = (word: string) => Array.from(word).reverse().join('');
const visual = (text: string, direction?: 'ltr' | 'rtl') => visualOrder(text, direction).map((c) => c.ch).join('');

describe('LOA bidi: paragraph direction (UAX #9 P2/P3)', () => {
  it('takes the first strong letter, skipping digits, punctuation and isolates', () => {
    expect(paragraphDirection('شركة النور 2000 LLC')).toBe('rtl');
    expect(paragraphDirection('12 שדרות רוטשילד')).toBe('rtl');
    expect(paragraphDirection('Acme / אקמה בע״מ')).toBe('ltr');
    expect(paragraphDirection('(2000) - ')).toBe('ltr');
    expect(paragraphDirection('')).toBe('ltr');
    expect(paragraphDirection('\u2068Acme\u2069 אקמה')).toBe('rtl');
  });
});

describe('LOA bidi: visual order of a line', () => {
  it('puts a right-to-left name with a number and a Latin suffix in reading order', () => {
    // Read from the right: the name, then 2000, then LLC.
    expect(visual('شركة النور 2000 LLC')).toBe(`LLC 2000 ${seen('شركة النور')}`);
  });

  it('keeps a left-to-right line left to right around a right-to-left name', () => {
    expect(visual('Acme / אקמה בע״מ')).toBe(`Acme / ${seen('אקמה בע״מ')}`);
    // A Latin form line that starts with an RTL name stays a left-to-right line when asked to.
    expect(visual('شركة النور 2000 LLC', 'ltr')).toBe(`2000 ${seen('شركة النور')} LLC`);
  });

  it('mirrors brackets in right-to-left runs (L4) and keeps digits left to right', () => {
    expect(visual('محمد (فرع 3)')).toBe(`(3 ${seen('فرع')}) ${seen('محمد')}`);
    expect(visual('בזק (בינלאומי) 018')).toBe(`018 (${seen('בינלאומי')}) ${seen('בזק')}`);
    expect(visual('Acme (Dental)', 'rtl')).toBe('Acme (Dental)');
  });

  it('lays out an address with a unit number the way UAX #9 resolves it', () => {
    expect(visual('דירה 4, 12 Herzl St')).toBe(`Herzl St 12 ,4 ${seen('דירה')}`);
    expect(visual('12 Herzl St, Apt 4')).toBe('12 Herzl St, Apt 4');
  });

  it('reports levels: odd for right to left, even for numbers inside it', () => {
    const levels = visualOrder('אב 12').map((c) => [c.ch, c.level]);
    expect(levels).toEqual([['1', 2], ['2', 2], [' ', 1], ['ב', 1], ['א', 1]]);
  });

  it('never splits a surrogate pair when reversing', () => {
    expect(visual('שלום 𝒜')).toBe(`𝒜 ${seen('שלום')}`);
  });
});

describe('LOA bidi: runs handed to the fonts', () => {
  it('cuts the visual line into runs of one face, Arabic and Hebrew in logical order for fontkit to shape', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedLoaFonts(doc, 'شركة النور אקמה ٢٠٠٠');
    const faces = (text: string, direction?: 'ltr' | 'rtl') => fonts.regular.runs(text, direction).map((r) => [r.font.name.replace(/^[A-Z]{6}\+/, ''), r.text]);
    expect(faces('شركة النور 2000 LLC')).toEqual([['NotoSans-Regular', 'LLC 2000 '], ['NotoSansArabic-Regular', 'شركة النور']]);
    expect(faces('شركة النور 2000 LLC', 'ltr')).toEqual([['NotoSans-Regular', '2000 '], ['NotoSansArabic-Regular', 'شركة النور'], ['NotoSans-Regular', ' LLC']]);
    expect(faces('Acme / אקמה בע״מ')).toEqual([['NotoSans-Regular', 'Acme / '], ['NotoSansHebrew-Regular', 'אקמה בע״מ']]);
    // The mirrored bracket is drawn as seen, from the Latin face.
    expect(faces('محمد (فرع 3)')).toEqual([['NotoSans-Regular', '(3 '], ['NotoSansArabic-Regular', 'فرع'], ['NotoSans-Regular', ') '], ['NotoSansArabic-Regular', 'محمد']]);
    // Arabic-Indic digits read left to right, but fontkit reverses an Arabic-script run: handed reversed.
    expect(faces('شركة ٢٠٠٠')).toEqual([['NotoSansArabic-Regular', '٠٠٠٢'], ['NotoSans-Regular', ' '], ['NotoSansArabic-Regular', 'شركة']]);
  });
});
