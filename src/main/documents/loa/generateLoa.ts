import { degrees, PDFDocument, type PDFPage, rgb } from '@cantoo/pdf-lib';
import { isCountryCode, normalizeNumber } from '../../../shared/domain/numbers';
import { LETTER } from '../imageToPdf';
import { checkLoaInput, type LoaInput } from './loaInput';
import { accountFields, authorizationText, formatAddress, formatLoaDate, type LoaField } from './loaText';
import { formatLoaNumber, orderNumbers, paginateNumbers } from './numberLayout';
import { embedLoaFonts, type LoaFonts } from './fonts';
import { paragraphDirection } from './bidiOrder';
import { fitText, type FontChain, wrapText } from './pdfText';

export type { LoaInput } from './loaInput';

const MARGIN = 54;
const CONTENT_W = LETTER.width - 2 * MARGIN;
const TOP = LETTER.height - MARGIN;
const FOOTER_Y = 34;
const BODY_BOTTOM = 64;
const COLUMNS = 4;
const ROW_H = 14;
const NUMBER_SIZE = 10;
const GUTTER = 24;
const SIGNATURE_H = 118;

const INK = rgb(0.11, 0.13, 0.16);
const MUTED = rgb(0.42, 0.45, 0.5);
const ACCENT = rgb(0.09, 0.24, 0.45);
const RULE = rgb(0.78, 0.8, 0.84);
const SHADE = rgb(0.955, 0.963, 0.975);

export interface GeneratedLoa {
  bytes: Uint8Array;
  /** Characters of the port's data the LOA fonts cannot draw; each is printed as "?". */
  unprintable: string[];
}

/**
 * Generate a Letter of Authorization as a Letter-size PDF from a port's fields and numbers: title,
 * account holder and authorized person, service address, BTN, account number and PIN, losing and
 * winning carriers, the authorization text, every number (nationally formatted, in columns, on as
 * many pages as needed), a signature block, and "Page x of y" footers. `draft` watermarks every page
 * and allows missing fields; otherwise missing LOA fields are an AppError('VALIDATION') naming each.
 * Text is set in Noto (./fonts), so names print as written in any script the fonts carry.
 */
export async function generateLoa(input: LoaInput): Promise<GeneratedLoa> {
  const { fields, numbers, generatedAt, draft = false } = checkLoaInput(input);
  const doc = await PDFDocument.create();
  const fonts = await embedLoaFonts(doc, Object.values(fields).join(' '));
  const title = `Letter of Authorization${fields.billingName ? ` - ${fields.billingName}` : ''}`;
  doc.setTitle(title);
  doc.setSubject('Authorization to port telephone numbers');
  doc.setProducer('PortDesk');
  doc.setCreator('PortDesk');
  doc.setCreationDate(generatedAt);
  doc.setModificationDate(generatedAt);

  const country = isCountryCode(fields.country.toUpperCase()) ? fields.country.toUpperCase() : 'US';
  const ordered = orderNumbers(numbers).map((n) => formatLoaNumber(n, country));
  const first = doc.addPage([LETTER.width, LETTER.height]);
  const text = fonts;

  let y = drawTitle(first, text, generatedAt, fields.referenceNumber || fields.customerReference);
  y = drawSection(first, text, 'Account holder', y);
  const btn = formatBtn(fields.billingPhone, country);
  const grid = accountFields(fields, btn);
  y = drawFieldRows(first, text, grid.left, grid.right, y);
  y = drawField(first, text, { label: 'Service address', value: formatAddress(fields) }, MARGIN, y, CONTENT_W);
  y = drawSection(first, text, 'Carriers', y - 6);
  y = drawFieldRows(first, text, [{ label: 'Current (losing) carrier', value: fields.losingCarrier }], [{ label: 'New (winning) carrier', value: fields.winningCarrier }], y);
  y = drawSection(first, text, 'Authorization', y - 6);
  y = drawParagraph(first, text, authorizationText(fields, ordered.length), y);
  y = drawSection(first, text, `Telephone numbers to be ported (${ordered.length.toLocaleString('en-US')})`, y - 8);

  // Page 1 holds as many rows as fit above the signature block; the rest continue on later pages.
  const signatureTop = BODY_BOTTOM + SIGNATURE_H;
  const fitRows = Math.max(0, Math.floor((y - signatureTop - 10) / ROW_H));
  const overflow = ordered.length > fitRows * COLUMNS;
  const firstRows = overflow ? Math.max(0, fitRows - 1) : fitRows;
  const continuationTop = TOP - 58;
  const rowsPerPage = Math.floor((continuationTop - BODY_BOTTOM) / ROW_H);
  const pages = paginateNumbers(ordered, firstRows, rowsPerPage, COLUMNS);

  const firstPage = pages[0];
  if (ordered.length === 0) {
    fonts.italic.draw(first, 'No numbers on this port yet.', { x: MARGIN, y: y - ROW_H + 3, size: 9.5, color: MUTED });
  } else if (firstPage) {
    drawNumberColumns(first, text, firstPage.columns, y);
  }
  if (overflow) {
    const shown = firstPage ? firstPage.columns.reduce((sum, c) => sum + c.length, 0) : 0;
    const note = shown === 0 ? 'The numbers are listed on the following pages.' : `Continued on page 2 (${(ordered.length - shown).toLocaleString('en-US')} more).`;
    const rowsUsed = firstPage?.columns[0]?.length ?? 0;
    fonts.italic.draw(first, note, { x: MARGIN, y: y - (rowsUsed + 1) * ROW_H + 3, size: 8.5, color: MUTED });
  }
  drawSignatureBlock(first, text, fields.authorizedPerson, signatureTop);

  const header = [fields.billingName, fields.accountNumber ? `Account ${fields.accountNumber}` : '', `${ordered.length.toLocaleString('en-US')} numbers in total`]
    .filter(Boolean)
    .join('  |  ');
  for (const page of pages.slice(1)) {
    const p = doc.addPage([LETTER.width, LETTER.height]);
    fonts.bold.draw(p, 'Telephone numbers to be ported (continued)', { x: MARGIN, y: TOP - 14, size: 13, color: ACCENT });
    fonts.regular.draw(p, fitText(fonts.regular, header, 9, CONTENT_W), { x: MARGIN, y: TOP - 30, size: 9, color: MUTED });
    p.drawLine({ start: { x: MARGIN, y: TOP - 40 }, end: { x: LETTER.width - MARGIN, y: TOP - 40 }, thickness: 1, color: ACCENT });
    drawNumberColumns(p, text, page.columns, continuationTop);
  }

  const all = doc.getPages();
  const footerLeft = `Letter of Authorization${fields.billingName ? ` - ${fields.billingName}` : ''}`;
  all.forEach((p, i) => {
    drawFooter(p, text, footerLeft, i + 1, all.length, draft ? 'DRAFT - not for signature' : i > 0 ? 'Initials ________' : '');
    if (draft) drawWatermark(p, fonts.bold);
  });
  return { bytes: await doc.save(), unprintable: [...fonts.unprintable] };
}

function drawTitle(page: PDFPage, text: LoaFonts, generatedAt: Date, reference: string): number {
  const { bold, regular } = text;
  bold.draw(page, 'Letter of Authorization', { x: MARGIN, y: TOP - 20, size: 22, color: ACCENT });
  regular.draw(page, 'Request to transfer telephone numbers (local number portability)', { x: MARGIN, y: TOP - 38, size: 10, color: MUTED });
  regular.drawRight(page, `Prepared ${formatLoaDate(generatedAt)}`, { right: LETTER.width - MARGIN, y: TOP - 18, size: 9, color: MUTED });
  if (reference) {
    const ref = fitText(regular, `Reference ${reference}`, 9, 200);
    regular.drawRight(page, ref, { right: LETTER.width - MARGIN, y: TOP - 31, size: 9, color: MUTED });
  }
  page.drawLine({ start: { x: MARGIN, y: TOP - 50 }, end: { x: LETTER.width - MARGIN, y: TOP - 50 }, thickness: 1.5, color: ACCENT });
  return TOP - 66;
}

/** A section heading with a shaded band; returns the y below it. */
function drawSection(page: PDFPage, text: LoaFonts, heading: string, y: number): number {
  page.drawRectangle({ x: MARGIN, y: y - 16, width: CONTENT_W, height: 17, color: SHADE });
  text.bold.draw(page, heading.toUpperCase(), { x: MARGIN + 6, y: y - 11.5, size: 8.5, color: ACCENT });
  return y - 24;
}

const COL_W = (CONTENT_W - GUTTER) / 2;
const FIELD_H = 33;

function drawFieldRows(page: PDFPage, text: LoaFonts, left: LoaField[], right: LoaField[], y: number): number {
  const rows = Math.max(left.length, right.length);
  for (let i = 0; i < rows; i++) {
    const l = left[i];
    const r = right[i];
    if (l) drawField(page, text, l, MARGIN, y, COL_W);
    if (r) drawField(page, text, r, MARGIN + COL_W + GUTTER, y, COL_W);
    y -= FIELD_H;
  }
  return y;
}

/** Label above value above a rule; an empty value leaves the rule blank for a handwritten entry. */
function drawField(page: PDFPage, text: LoaFonts, field: LoaField, x: number, y: number, width: number): number {
  const { regular } = text;
  regular.draw(page, field.label, { x, y: y - 7, size: 7.5, color: MUTED });
  drawValue(regular, page, fitText(regular, field.value, 11, width), x, y - 21, width);
  page.drawLine({ start: { x, y: y - 25 }, end: { x: x + width, y: y - 25 }, thickness: 0.5, color: RULE });
  return y - FIELD_H;
}

/**
 * A filled-in value on its line, by default in its own direction (the bidi algorithm's rules
 * P2/P3): a value that starts right to left is set flush right in its box, where a reader of that
 * script starts reading, as a form field with dir="auto" shows it; the rest flush left. A wrapped
 * paragraph's lines pass the paragraph's direction.
 */
function drawValue(face: FontChain, page: PDFPage, value: string, x: number, y: number, width: number, size = 11, direction = paragraphDirection(value)): void {
  if (value === '') return;
  if (direction === 'rtl') face.drawRight(page, value, { right: x + width, y, size, color: INK, direction });
  else face.draw(page, value, { x, y, size, color: INK });
}

function drawParagraph(page: PDFPage, text: LoaFonts, paragraph: string, y: number): number {
  const { regular } = text;
  const lines = wrapText(regular, paragraph, 9.5, CONTENT_W);
  const direction = paragraphDirection(paragraph);
  for (const line of lines) {
    drawValue(regular, page, line, MARGIN, y - 9, CONTENT_W, 9.5, direction);
    y -= 13.5;
  }
  return y - 4;
}

function drawNumberColumns(page: PDFPage, text: LoaFonts, columns: string[][], top: number): void {
  const colW = CONTENT_W / COLUMNS;
  columns.forEach((column, c) => {
    column.forEach((number, r) => {
      text.regular.draw(page, number, { x: MARGIN + 6 + c * colW, y: top - (r + 1) * ROW_H + 3, size: NUMBER_SIZE, color: INK });
    });
  });
}

/** Signature, date, printed name (pre-filled with the authorized person) and title lines. */
function drawSignatureBlock(page: PDFPage, text: LoaFonts, authorizedPerson: string, top: number): void {
  const { regular, bold } = text;
  page.drawRectangle({ x: MARGIN, y: top - SIGNATURE_H + 6, width: CONTENT_W, height: SIGNATURE_H - 10, borderColor: RULE, borderWidth: 0.75 });
  bold.draw(page, 'SIGNATURE OF AUTHORIZED PERSON', { x: MARGIN + 12, y: top - 18, size: 8.5, color: ACCENT });
  const wide = CONTENT_W - 24 - 170;
  const line = (x: number, y: number, w: number, label: string, value = '') => {
    drawValue(regular, page, fitText(regular, value, 11, w), x, y + 5, w);
    page.drawLine({ start: { x, y }, end: { x: x + w, y }, thickness: 0.75, color: INK });
    regular.draw(page, label, { x, y: y - 10, size: 7.5, color: MUTED });
  };
  const left = MARGIN + 12;
  const right = left + wide + 20;
  line(left, top - 52, wide - 20, 'Authorized signature');
  line(right, top - 52, 150, 'Date signed');
  line(left, top - 90, wide - 20, 'Printed name', authorizedPerson);
  line(right, top - 90, 150, 'Title');
}

/** Footer: letter and customer on the left, `middle` (initials line or draft notice), page x of y. */
function drawFooter(page: PDFPage, text: LoaFonts, left: string, n: number, total: number, middle: string): void {
  const { regular } = text;
  page.drawLine({ start: { x: MARGIN, y: FOOTER_Y + 12 }, end: { x: LETTER.width - MARGIN, y: FOOTER_Y + 12 }, thickness: 0.5, color: RULE });
  regular.draw(page, fitText(regular, left, 8, 260), { x: MARGIN, y: FOOTER_Y, size: 8, color: MUTED });
  if (middle) text.bold.draw(page, middle, { x: LETTER.width / 2 + 20, y: FOOTER_Y, size: 8, color: MUTED });
  regular.drawRight(page, `Page ${n} of ${total}`, { right: LETTER.width - MARGIN, y: FOOTER_Y, size: 8, color: MUTED });
}

/** A large translucent diagonal DRAFT across the page, so a draft is never mistaken for the real LOA. */
function drawWatermark(page: PDFPage, face: FontChain): void {
  const word = 'DRAFT';
  const size = 140;
  const bold = face.primary;
  const width = bold.widthOfTextAtSize(word, size);
  const height = bold.heightAtSize(size, { descender: false });
  const angle = Math.PI / 4;
  // Rotation is about the text origin, so offset the origin to centre the rotated word on the page.
  const cx = LETTER.width / 2 - (Math.cos(angle) * width - Math.sin(angle) * height) / 2;
  const cy = LETTER.height / 2 - (Math.sin(angle) * width + Math.cos(angle) * height) / 2;
  page.drawText(word, { x: cx, y: cy, size, font: bold, color: rgb(0.8, 0.15, 0.15), opacity: 0.13, rotate: degrees(45) });
}

/** The BTN as written on the bill (national format) when it parses; otherwise as entered. */
function formatBtn(raw: string, country: string): string {
  if (raw.trim() === '') return '';
  const parsed = normalizeNumber(raw, isCountryCode(country) ? country : 'US');
  return parsed.ok ? formatLoaNumber(parsed.e164, country) : raw;
}
