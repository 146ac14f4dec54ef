import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { inspectDocument } from '../../../src/main/documents/intake';
import { jpegOrientation } from '../../../src/main/documents/jpegOrientation';
import { MAX_ATTACHMENT_BYTES } from '../../../src/main/documents/limits';
import { sniffType } from '../../../src/main/documents/sniff';
import { AppError } from '../../../src/shared/errors';
import { fixture, makePdf, withExifOrientation } from './fixtures';

async function rejection(bytes: Uint8Array, name: string): Promise<AppError> {
  const err = await inspectDocument(bytes, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError for ${name}, got ${String(err)}`);
  expect(err.code).toBe('FILE');
  return err;
}

const ascii = (s: string) => new TextEncoder().encode(s);

describe('inspectDocument: PDFs', () => {
  it('accepts a PDF and counts its pages, keeping the bytes as they are', async () => {
    const pdf = await makePdf(3);
    const doc = await inspectDocument(pdf, 'bill.pdf');
    expect(doc).toMatchObject({ name: 'bill.pdf', contentType: 'application/pdf', pageCount: 3, sourceType: 'pdf', size: pdf.length });
    expect(doc.bytes).toBe(pdf);
  });

  it('goes by content, not by name: a PDF called .txt is a PDF, a text file called .pdf is not', async () => {
    expect((await inspectDocument(await makePdf(1), 'notes.txt')).sourceType).toBe('pdf');
    const err = await rejection(ascii('Dear carrier, please port 2025550100.'), 'loa.pdf');
    expect(err.message).toBe('"loa.pdf" is a plain text file, not a PDF. Attach a PDF, or a PNG/JPEG scan or photo (it will be converted to a PDF).');
  });

  it('rejects a truncated PDF as damaged', async () => {
    const pdf = await makePdf(2);
    const err = await rejection(pdf.subarray(0, Math.floor(pdf.length * 0.6)), 'bill.pdf');
    expect(err.message).toMatch(/^"bill\.pdf" is a damaged PDF: it ends abruptly/);
    expect(err.details).toMatchObject({ reason: 'corrupt' });
  });

  it('rejects a PDF whose body is garbage behind a valid header and trailer', async () => {
    const junk = ascii(`%PDF-1.7\n${'x'.repeat(500)}\n%%EOF\n`);
    const err = await rejection(junk, 'scan.pdf');
    expect(err.message).toMatch(/^"scan\.pdf" is a damaged PDF: /);
  });

  it('rejects a password-protected PDF, saying a password is needed', async () => {
    const err = await rejection(fixture('encrypted-password.pdf'), 'bill.pdf');
    expect(err.message).toMatch(/^"bill\.pdf" is password-protected\./);
    expect(err.details).toMatchObject({ reason: 'password' });
  });

  it('rejects an encrypted PDF that opens without a password, explaining the restrictions', async () => {
    const err = await rejection(fixture('encrypted-restricted.pdf'), 'bill.pdf');
    expect(err.message).toMatch(/^"bill\.pdf" is an encrypted PDF with editing restrictions/);
    expect(err.message).toContain('print it to a new PDF');
    expect(err.details).toMatchObject({ reason: 'encrypted' });
  });

  it('rejects files over the 8,000,000-byte limit naming the size, and accepts one at the limit', async () => {
    const base = await makePdf(1);
    // Pad with a PDF comment right after the header; pdf-lib recovers the shifted offsets, so the
    // padded file is still a valid PDF and only its size matters.
    const pad = (target: number) => {
      const head = Buffer.from(base.subarray(0, 9));
      const comment = Buffer.alloc(target - base.length, 0x20);
      comment[0] = 0x25;
      comment[comment.length - 1] = 0x0a;
      return new Uint8Array(Buffer.concat([head, comment, Buffer.from(base.subarray(9))]));
    };
    const over = pad(MAX_ATTACHMENT_BYTES + 1);
    const err = await rejection(over, 'huge bill.pdf');
    expect(err.message).toContain('"huge bill.pdf" is 8,000,001 bytes (8.0 MB)');
    expect(err.message).toContain('limited to 8,000,000 bytes (8.0 MB)');
    expect(err.details).toMatchObject({ reason: 'size', size: 8_000_001, limit: 8_000_000 });
    expect(over.length).toBe(MAX_ATTACHMENT_BYTES + 1);
    const atLimit = await inspectDocument(pad(MAX_ATTACHMENT_BYTES), 'big bill.pdf');
    expect(atLimit.size).toBe(MAX_ATTACHMENT_BYTES);
  });

  it('rejects an empty file', async () => {
    expect((await rejection(new Uint8Array(0), 'empty.pdf')).message).toBe('"empty.pdf" is empty.');
  });

  it('sanitises the name it reports and returns', async () => {
    const doc = await inspectDocument(await makePdf(1), '../../tmp/\u202Ebill.pdf');
    expect(doc.name).toBe('_._tmp_bill.pdf');
  });
});

describe('inspectDocument: images', () => {
  it.each([
    ['png', 'bill-photo.png'],
    ['jpeg', 'bill-photo.jpg'],
  ] as const)('converts a %s to a one-page Letter PDF keeping the aspect ratio', async (type, file) => {
    const doc = await inspectDocument(fixture(file), `photo of bill.${type === 'png' ? 'png' : 'JPG'}`);
    expect(doc).toMatchObject({ name: 'photo of bill.pdf', pageCount: 1, sourceType: type, contentType: 'application/pdf' });
    expect(sniffType(doc.bytes).kind).toBe('pdf');
    const pdf = await PDFDocument.load(doc.bytes);
    expect(pdf.getPageCount()).toBe(1);
    // 400x250 is landscape, so the page is Letter turned sideways.
    expect(pdf.getPage(0).getSize()).toEqual({ width: 792, height: 612 });
    const content = await pageImageBox(pdf);
    expect(content.width / content.height).toBeCloseTo(400 / 250, 3);
    expect(content.width).toBeCloseTo(792 - 72, 1);
  });

  it('turns a sideways phone photo upright using its EXIF orientation', async () => {
    const rotated = withExifOrientation(fixture('bill-photo.jpg'), 6);
    expect(jpegOrientation(rotated)).toBe(6);
    const doc = await inspectDocument(rotated, 'IMG_0001.jpg');
    const pdf = await PDFDocument.load(doc.bytes);
    // Shown turned a quarter: 250 wide by 400 high, so a portrait page.
    expect(pdf.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
  });

  it('rejects a damaged image', async () => {
    const png = fixture('bill-photo.png');
    const err = await rejection(png.subarray(0, 60), 'scan.png');
    expect(err.message).toBe('"scan.png" looks like a PNG image but cannot be decoded; it is probably damaged.');
  });
});

describe('inspectDocument: other types are rejected naming what they are', () => {
  it.each([
    ['GIF89a....', 'a GIF image'],
    ['PK\u0003\u0004....', 'a ZIP archive (or a Word/Excel .docx/.xlsx document)'],
    ['<!DOCTYPE html><html></html>', 'an HTML page'],
    ['{\\rtf1 hello}', 'an RTF document'],
  ])('%j -> %s', async (content, description) => {
    const err = await rejection(ascii(content), 'upload.pdf');
    expect(err.message).toBe(`"upload.pdf" is ${description}, not a PDF. Attach a PDF, or a PNG/JPEG scan or photo (it will be converted to a PDF).`);
    expect(err.details).toMatchObject({ reason: 'type', detected: description });
  });

  it('names binary junk as unrecognised', async () => {
    const err = await rejection(new Uint8Array([0, 1, 2, 3, 250, 251]), 'x');
    expect(err.message).toContain('is an unrecognised binary file');
  });
});

/** Width and height of the image drawn on page 1, read back from its content stream's `cm` operator. */
async function pageImageBox(pdf: PDFDocument): Promise<{ width: number; height: number }> {
  const page = pdf.getPage(0);
  const contents = page.node.Contents();
  if (!contents) throw new Error('page has no content');
  const { decodePDFRawStream, PDFArray, PDFRawStream } = await import('@cantoo/pdf-lib');
  const stream = contents instanceof PDFArray ? pdf.context.lookup(contents.get(0)) : contents;
  if (!(stream instanceof PDFRawStream)) throw new Error('unexpected content stream type');
  const text = new TextDecoder().decode(decodePDFRawStream(stream).decode());
  // pdf-lib emits translations (`1 0 0 1 x y cm`) around the scale to the image size (`w 0 0 h 0 0 cm`).
  const m = [...text.matchAll(/([\d.]+) 0 0 ([\d.]+) -?[\d.]+ -?[\d.]+ cm/g)].find((c) => c[1] !== '1' || c[2] !== '1');
  if (!m) throw new Error(`no image placement in: ${text}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}
