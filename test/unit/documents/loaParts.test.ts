import { PDFDocument } from '@cantoo/pdf-lib';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';
import { checkLoaInput } from '../../../src/main/documents/loa/loaInput';
import { authorizationText, formatAddress } from '../../../src/main/documents/loa/loaText';
import { formatLoaNumber, orderNumbers, paginateNumbers } from '../../../src/main/documents/loa/numberLayout';
import { embedLoaFonts, loaFontsDir } from '../../../src/main/documents/loa/fonts';
import { fitText, wrapText } from '../../../src/main/documents/loa/pdfText';
import { AppError } from '../../../src/shared/errors';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../../src/shared/model';

const fields: PortFields = {
  ...EMPTY_PORT_FIELDS,
  name: 'Acme',
  billingName: 'Acme Dental',
  authorizedPerson: 'Jane Doe',
  billingPhone: '2025550100',
  street: '1 Main St',
  extendedAddress: 'Suite 4',
  locality: 'Springfield',
  region: 'IL',
  postalCode: '62701',
  country: 'us',
  accountNumber: 'A-1',
  losingCarrier: 'Verizon',
  winningCarrier: 'PortDesk Telecom',
};

describe('paginateNumbers', () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);

  it('fills page 1, then full continuation pages, columns top to bottom', () => {
    const pages = paginateNumbers(list(30), 2, 3, 4);
    expect(pages.map((p) => p.columns.flat().length)).toEqual([8, 12, 10]);
    expect(pages[0]?.columns).toEqual([['n0', 'n1'], ['n2', 'n3'], ['n4', 'n5'], ['n6', 'n7']]);
    expect(pages.flatMap((p) => p.columns.flat())).toEqual(list(30));
  });

  it('balances the columns of a partly filled page', () => {
    const [page] = paginateNumbers(list(6), 10, 10, 4);
    expect(page?.columns).toEqual([['n0', 'n1'], ['n2', 'n3'], ['n4', 'n5']]);
  });

  it('can put nothing on page 1 and always returns at least one page', () => {
    expect(paginateNumbers(list(5), 0, 10, 4).map((p) => p.columns.flat().length)).toEqual([0, 5]);
    expect(paginateNumbers([], 5, 10, 4)).toEqual([{ columns: [] }]);
  });
});

describe('number formatting and order', () => {
  it('prints home-country numbers nationally and others internationally', () => {
    expect(formatLoaNumber('+12025550100', 'US')).toBe('(202) 555-0100');
    expect(formatLoaNumber('+14165550100', 'CA')).toBe('(416) 555-0100');
    expect(formatLoaNumber('+442079460958', 'US')).toBe('+44 20 7946 0958');
    expect(formatLoaNumber('+442079460958', 'GB')).toBe('020 7946 0958');
    expect(formatLoaNumber('+12025550100', '')).toBe('(202) 555-0100');
    expect(formatLoaNumber('+12025550100', 'FR')).toBe('+1 202 555 0100');
  });

  it('sorts numerically and removes duplicates', () => {
    expect(orderNumbers(['+12025550102', '+442079460958', '+12025550100', '+12025550102'])).toEqual(['+12025550100', '+12025550102', '+442079460958']);
  });
});

describe('LOA text', () => {
  it('joins the service address the way carriers print it', () => {
    expect(formatAddress(fields)).toBe('1 Main St Suite 4, Springfield, IL 62701, US');
    expect(formatAddress({ ...fields, extendedAddress: '', country: '' })).toBe('1 Main St, Springfield, IL 62701');
    // Every street part, in order, and the unit on the same line.
    const split = { streetNumber: '1543', streetPreDir: 'N', street: 'Oak', streetType: 'Ave', streetPostDir: '', extendedAddress: 'Apt 4' };
    expect(formatAddress({ ...fields, ...split })).toBe('1543 N Oak Ave Apt 4, Springfield, IL 62701, US');
  });

  it('names the person, the account holder, both carriers and the count in the authorization', () => {
    const text = authorizationText(fields, 1234);
    for (const part of ['I, Jane Doe,', 'Acme Dental', 'PortDesk Telecom', 'Verizon', 'the 1,234 telephone numbers']) expect(text).toContain(part);
    expect(authorizationText({ ...fields, losingCarrier: '' }, 1)).toContain('the telephone number listed');
  });
});

describe('LOA fonts (Noto with fallbacks)', () => {
  it('draws each script with the face that has it, and marks what none has as "?"', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedLoaFonts(doc, 'Zoë Łukasiewicz Ñandú Дмитрий Σωκράτης 東京 김민준 محمد שלום');
    const faces = (text: string) => fonts.regular.runs(text).map((r) => [r.font.name.replace(/^[A-Z]{6}\+/, ''), r.text]);
    expect(faces('Zoë Łukasiewicz – Дмитрий Σωκράτης')).toEqual([['NotoSans-Regular', 'Zoë Łukasiewicz – Дмитрий Σωκράτης']]);
    expect(faces('Acme 東京 김민준')).toEqual([['NotoSans-Regular', 'Acme '], ['NotoSansCJKsc-Regular', '東京 김민준']]);
    // A line that starts right to left is a right-to-left paragraph (the bidi algorithm, rule P2).
    expect(faces('محمد علي 42')).toEqual([['NotoSans-Regular', '42 '], ['NotoSansArabic-Regular', 'محمد علي']]);
    expect(fonts.unprintable.size).toBe(0);
    expect(faces('Zoë 𓀀')).toEqual([['NotoSans-Regular', 'Zoë ?']]);
    expect([...fonts.unprintable]).toEqual(['𓀀']);
    // Bold prints labels; a letter it lacks comes from the regular face, not "?".
    expect(fonts.bold.runs('Łódź').map((r) => r.font.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(['NotoSans-Regular', 'NotoSans-Bold', 'NotoSans-Regular']);
  });

  it('finds the fonts beside a packaged app first, else in the repository', () => {
    const repo = join(import.meta.dirname, '..', '..', '..', 'resources', 'fonts');
    expect(loaFontsDir()).toBe(repo);
    const packaged = tempDir();
    mkdirSync(join(packaged, 'fonts'));
    copyFileSync(join(repo, 'NotoSans-Regular.ttf'), join(packaged, 'fonts', 'NotoSans-Regular.ttf'));
    Object.defineProperty(process, 'resourcesPath', { value: packaged, configurable: true });
    try {
      expect(loaFontsDir()).toBe(join(packaged, 'fonts'));
    } finally {
      Reflect.deleteProperty(process, 'resourcesPath');
    }
  });

  it('embeds a fallback face only when the letter needs it', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedLoaFonts(doc, 'Acme Dental, Jane Doe');
    expect(fonts.regular.fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(['NotoSans-Regular']);
  });

  it('wraps and shortens by the width of mixed-script text', async () => {
    const doc = await PDFDocument.create();
    const face = (await embedLoaFonts(doc, '東京')).regular;
    const lines = wrapText(face, 'word 東京 '.repeat(40).trim(), 10, 200);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(face.widthOf(line, 10)).toBeLessThanOrEqual(200);
    expect(wrapText(face, '東'.repeat(200), 10, 100).every((l) => face.widthOf(l, 10) <= 100)).toBe(true);
    const fitted = fitText(face, 'A very long company name 東京 that will not fit', 10, 80);
    expect(fitted.endsWith('...')).toBe(true);
    expect(face.widthOf(fitted, 10)).toBeLessThanOrEqual(80);
  });
});

describe('checkLoaInput', () => {
  const base = { fields, numbers: ['+12025550100'], generatedAt: new Date('2025-03-04T12:00:00Z') };

  it('accepts a complete port', () => {
    expect(checkLoaInput(base).numbers).toEqual(['+12025550100']);
  });

  it('names every missing field in one VALIDATION error, unless draft', () => {
    const incomplete = { ...base, fields: { ...fields, losingCarrier: '', accountNumber: ' ', authorizedPerson: '' }, numbers: [] };
    let err: unknown;
    try {
      checkLoaInput(incomplete);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const appErr = err as AppError;
    expect(appErr.code).toBe('VALIDATION');
    for (const missing of ['No numbers to port', 'Losing carrier is missing', 'Authorized person who signs the LOA is missing', 'Account number with the losing carrier is missing']) {
      expect(appErr.message).toContain(missing);
    }
    expect(appErr.details?.fields).toEqual(['numbers', 'losingCarrier', 'authorizedPerson', 'accountNumber']);
    expect(checkLoaInput({ ...incomplete, draft: true }).draft).toBe(true);
  });

  it('rejects numbers that are not E.164', () => {
    expect(() => checkLoaInput({ ...base, numbers: ['202-555-0100'] })).toThrow(/numbers\.0 must be an E\.164 number/);
  });
});
