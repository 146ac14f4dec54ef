import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLoa } from '../../../src/main/documents/loa/generateLoa';
import { formatLoaDate } from '../../../src/main/documents/loa/loaText';
import { AppError } from '../../../src/shared/errors';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../../src/shared/model';
import { pdfPageCount, pdfPagesText, poppler } from './poppler';

const fields: PortFields = {
  ...EMPTY_PORT_FIELDS,
  name: 'Acme Dental move',
  billingName: 'Acme Dental Group LLC',
  authorizedPerson: 'Jane Q. Doe',
  billingPhone: '202-555-0100',
  streetNumber: '1600',
  street: 'Pennsylvania',
  streetType: 'Ave',
  streetPostDir: 'NW',
  extendedAddress: 'Suite 400',
  locality: 'Washington',
  region: 'DC',
  postalCode: '20500',
  country: 'US',
  accountNumber: '8812-44-9931',
  pin: '4417',
  losingCarrier: 'Verizon Business',
  winningCarrier: 'PortDesk Telecom',
  transferDate: '2025-04-15',
  referenceNumber: 'PR-2025-0042',
};
const generatedAt = new Date('2025-03-04T15:00:00Z');

/** `count` distinct NANP numbers in scrambled order, so the LOA's sorting is exercised too. */
function numbers(count: number): string[] {
  const list = Array.from({ length: count }, (_, i) => `+1202555${String(1000 + i).padStart(4, '0')}`);
  return list.map((_, i) => list[(i * 7919) % count] ?? '');
}
const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
const NUMBER_RE = /\(\d{3}\) \d{3}-\d{4}/g;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portdesk-loa-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}

describe('generateLoa (read back with poppler)', () => {
  it('prints every field and every one of 500 numbers once, over correctly numbered pages', async () => {
    const list = numbers(500);
    const file = await write('loa-500.pdf', (await generateLoa({ fields, numbers: list, generatedAt })).bytes);
    const pages = pdfPagesText(file);
    const pageCount = pdfPageCount(file);
    expect(pageCount).toBeGreaterThan(1);
    expect(pages).toHaveLength(pageCount);
    const all = pages.join('\n');

    for (const value of [
      'Letter of Authorization',
      'Acme Dental Group LLC',
      'Jane Q. Doe',
      '(202) 555-0100',
      '1600 Pennsylvania Ave NW Suite 400, Washington, DC 20500, US',
      '8812-44-9931',
      '4417',
      'Verizon Business',
      'PortDesk Telecom',
      'April 15, 2025',
      'PR-2025-0042',
      `Prepared ${formatLoaDate(generatedAt)}`,
      'Authorized signature',
      'Date signed',
      'Printed name',
      'Title',
    ]) {
      expect(all, `missing "${value}"`).toContain(value);
    }

    const printed = all.match(NUMBER_RE) ?? [];
    const listed = printed.filter((n) => n !== '(202) 555-0100');
    expect(listed.sort()).toEqual(list.map(national).sort());

    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pageCount}`));
    // Continuation pages are full except the last, so no more pages are used than needed.
    const perPage = pages.map((text) => (text.match(NUMBER_RE) ?? []).filter((n) => n !== '(202) 555-0100').length);
    const [firstCount = 0, ...rest] = perPage;
    const full = rest[0] ?? 0;
    expect(firstCount).toBeGreaterThan(0);
    expect(firstCount).toBeLessThan(full);
    rest.slice(0, -1).forEach((n) => expect(n).toBe(full));
    expect(rest.at(-1)).toBeGreaterThan(0);
    expect(pageCount).toBe(1 + Math.ceil((500 - firstCount) / full));
    expect(pages[0]).toContain(`Continued on page 2 (${500 - firstCount} more).`);
    expect(pages[1]).toContain('Telephone numbers to be ported (continued)');
    expect(pages[1]).toContain('500 numbers in total');
  });

  it('fits a small port on one page', async () => {
    const file = await write('loa-3.pdf', (await generateLoa({ fields, numbers: numbers(3), generatedAt })).bytes);
    expect(pdfPageCount(file)).toBe(1);
    const [text = ''] = pdfPagesText(file);
    expect(text).toContain('Page 1 of 1');
    expect(text).not.toContain('Continued on page');
    expect(text).toContain('TELEPHONE NUMBERS TO BE PORTED (3)');
  });

  it('refuses a port missing LOA fields, naming each one', async () => {
    const err = await generateLoa({ fields: { ...fields, billingName: '', pin: '', region: '' }, numbers: numbers(2), generatedAt }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect((err as AppError).message).toContain('Name on the bill (person or company) is missing');
    expect((err as AppError).message).toContain('Service address state/region is missing');
    // The PIN is optional on an LOA (many accounts have none).
    expect((err as AppError).message).not.toContain('PIN');
  });

  it('generates a watermarked draft of an incomplete port', async () => {
    const file = await write('draft.pdf', (await generateLoa({ fields: { ...fields, accountNumber: '', losingCarrier: '' }, numbers: numbers(300), generatedAt, draft: true })).bytes);
    const pages = pdfPagesText(file);
    expect(pages.length).toBeGreaterThan(1);
    // pdftotext drops the diagonal watermark, so this checks the footer notice on every page.
    for (const text of pages) expect(text).toContain('DRAFT - not for signature');
    expect(pages[0]).toContain('the current service provider');
  });

  it('renders without errors in poppler (page 1 at 60 dpi)', async () => {
    const file = await write('render.pdf', (await generateLoa({ fields, numbers: numbers(120), generatedAt, draft: true })).bytes);
    const out = join(dir, 'render');
    const { stderr } = poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, out]);
    expect(stderr).toBe('');
    const png = await stat(`${out}-1.png`);
    // Letter at 60 dpi is 510x660 pixels; a blank or failed render compresses to almost nothing.
    expect(png.size).toBeGreaterThan(10_000);
  });

  it('prints every customer name as written: accents, Polish, Cyrillic, Greek, CJK, Arabic, Hebrew', async () => {
    const names = {
      billingName: 'Zoë Łukasiewicz & Ñandú Дмитрий Σωκράτης',
      authorizedPerson: '王小明 山田太郎 김민준',
      // No lam-alef: poppler extracts that mandatory ligature as alef-lam (the print is right).
      losingCarrier: 'شركة زين',
      winningCarrier: 'בזק בינלאומי',
    };
    const loa = await generateLoa({ fields: { ...fields, ...names }, numbers: numbers(40), generatedAt });
    expect(loa.unprintable).toEqual([]);
    const file = await write('unicode.pdf', loa.bytes);
    const text = pdfPagesText(file).join('\n');
    for (const name of [names.billingName, ...names.authorizedPerson.split(' ')]) expect(text).toContain(name);
    // poppler reorders right-to-left runs itself: the words come out as written, in logical order.
    for (const word of [...names.losingCarrier.split(' '), ...names.winningCarrier.split(' ')]) expect(text).toContain(word);
    // The fonts are subsets: the letter stays small (the CJK face alone is 2.7 MB on disk).
    expect(loa.bytes.length).toBeLessThan(150_000);
    const out = join(dir, 'unicode');
    const { stderr } = poppler('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, out]);
    expect(stderr).toBe('');
  });

  it('lays out lines that mix directions by the bidi algorithm: read back with pdftotext, default and -raw', async () => {
    const mixed = {
      billingName: 'شركة النور 2000 LLC',
      authorizedPerson: 'Acme / אקמה בע״מ',
      accountNumber: 'محمد (فرع 3)',
      streetNumber: '12',
      streetPreDir: '',
      street: 'שדרות רוטשילד',
      streetType: '',
      streetPostDir: '',
      extendedAddress: 'דירה 4',
      winningCarrier: 'בזק (בינלאומי) 018',
    };
    const loa = await generateLoa({ fields: { ...fields, ...mixed }, numbers: numbers(3), generatedAt });
    const file = await write('bidi.pdf', loa.bytes);
    const seen = (word: string) => Array.from(word).reverse().join('');
    // Left to right as printed, each value in its own direction; the Latin footer stays left to right.
    const expected = [
      `LLC 2000 ${seen('شركة النور')}`,
      `Acme / ${seen('אקמה בע״מ')}`,
      `(3 ${seen('فرع')}) ${seen('محمد')}`,
      `Washington, DC 20500, US ,4 ${seen('שדרות רוטשילד דירה')} 12`,
      `018 (${seen('בינלאומי')}) ${seen('בזק')}`,
      `Letter of Authorization - 2000 ${seen('شركة النور')} LLC`,
    ];
    // poppler writes a line left to right, each right-to-left stretch in logical order between
    // U+202B and U+202C (in -raw, each such word): turning those back gives what the page shows.
    const asPrinted = (line: string) => line.replace(/\u202B([^\u202C]*)\u202C/gu, (_, rtl: string) => seen(rtl)).replace(/ +/g, ' ').trim();
    for (const args of [[], ['-raw']]) {
      const lines = poppler('pdftotext', [...args, '-enc', 'UTF-8', file, '-']).stdout.split('\n').map(asPrinted);
      for (const line of expected) expect(lines, `pdftotext ${args.join(' ')}`).toContainEqual(expect.stringContaining(line));
    }
    // A left-to-right line whose right-to-left stretch has no digits reads back as written.
    expect(pdfPagesText(file)[0]?.replace(/[\u202A-\u202E]/gu, '')).toContain(mixed.authorizedPerson);
    // Flush right in its box when the value starts right to left, flush left otherwise.
    const bbox = poppler('pdftotext', ['-bbox', file, '-']).stdout;
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      y: (Number(m[2]) + Number(m[4])) / 2,
      xMax: Number(m[3]),
      text: m[5] ?? '',
    }));
    const lineOf = (word: string) => {
      const w = words.find((x) => x.text === word);
      if (!w) throw new Error(`${word} not on the page`);
      return words.filter((x) => Math.abs(x.y - w.y) < 3 && (x.xMin < 300) === (w.xMin < 300));
    };
    const fieldRight = 54 + (612 - 108 - 24) / 2;
    expect(Math.max(...lineOf('LLC').map((w) => w.xMax))).toBeCloseTo(fieldRight, 0);
    expect(Math.min(...lineOf('LLC').map((w) => w.xMin))).toBeGreaterThan(100);
    expect(Math.min(...lineOf('Acme').map((w) => w.xMin))).toBeCloseTo(54 + 24 + (612 - 108 - 24) / 2, 0);
    const out = join(dir, 'bidi');
    expect(poppler('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, out]).stderr).toBe('');
  });

  it('prints a character no font has as "?" and says which, instead of failing', async () => {
    const loa = await generateLoa({ fields: { ...fields, billingName: 'Acme 𓀀 Dental' }, numbers: numbers(1), generatedAt });
    expect(loa.unprintable).toEqual(['𓀀']);
    expect(pdfPagesText(await write('unprintable.pdf', loa.bytes)).join('')).toContain('Acme ? Dental');
  });

  // Its speed is a figure of `npm run bench` (documents: 1,000 vs 10 numbers), not a timed assertion.
  it('generates 1,000 numbers, each printed once', async () => {
    const { bytes } = await generateLoa({ fields, numbers: numbers(1000), generatedAt });
    const file = await write('loa-1000.pdf', bytes);
    expect((pdfPagesText(file).join('\n').match(NUMBER_RE) ?? []).length).toBe(1001);
  });
});
