/** What a file's leading bytes say it is (`description` reads "a GIF image"); the name and the OS's content type are not trusted. */
export type SniffedType =
  | { kind: 'pdf' }
  | { kind: 'png' }
  | { kind: 'jpeg' }
  | { kind: 'other'; description: string };

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** Known signatures of files people try to attach, so the rejection can name what they dropped. */
const OTHER_SIGNATURES: readonly { magic: readonly number[]; at?: number; description: string }[] = [
  { magic: ascii('GIF87a'), description: 'a GIF image' },
  { magic: ascii('GIF89a'), description: 'a GIF image' },
  { magic: [0x49, 0x49, 0x2a, 0x00], description: 'a TIFF image' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], description: 'a TIFF image' },
  { magic: ascii('BM'), description: 'a BMP image' },
  { magic: ascii('WEBP'), at: 8, description: 'a WebP image' },
  { magic: ascii('ftypheic'), at: 4, description: 'an HEIC image' },
  { magic: ascii('ftypmif1'), at: 4, description: 'an HEIC image' },
  { magic: [0x50, 0x4b, 0x03, 0x04], description: 'a ZIP archive (or a Word/Excel .docx/.xlsx document)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], description: 'a legacy Microsoft Office document (.doc/.xls)' },
  { magic: ascii('{\\rtf'), description: 'an RTF document' },
  { magic: [0x1f, 0x8b], description: 'a gzip archive' },
  { magic: ascii('Rar!'), description: 'a RAR archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], description: 'a 7-Zip archive' },
  { magic: ascii('MZ'), description: 'a Windows program' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], description: 'a Linux program' },
];

/**
 * The PDF header may follow a little junk (some scanners and mailers prepend bytes); readers accept
 * `%PDF-` anywhere in the first 1024 bytes, so we do too.
 */
function findPdfHeader(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length, 1024);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, limit).toString('latin1');
  return head.indexOf('%PDF-');
}

/** Identify a file by its content. */
export function sniffType(bytes: Uint8Array): SniffedType {
  if (bytes.length === 0) return { kind: 'other', description: 'an empty file' };
  // Exact image signatures first: compressed image data could contain "%PDF-" by chance.
  if (startsWith(bytes, PNG)) return { kind: 'png' };
  if (startsWith(bytes, JPEG)) return { kind: 'jpeg' };
  // A known signature at the start wins over "%PDF-" further in: a ZIP holding a PDF is a ZIP.
  if (startsWith(bytes, ascii('%PDF-'))) return { kind: 'pdf' };
  for (const sig of OTHER_SIGNATURES) {
    if (startsWith(bytes, sig.magic, sig.at ?? 0)) return { kind: 'other', description: sig.description };
  }
  if (findPdfHeader(bytes) !== -1) return { kind: 'pdf' };
  return { kind: 'other', description: describeText(bytes) };
}

/** Text files are common mistakes (a pasted e-mail, a CSV of numbers); say so rather than "unknown". */
function describeText(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 4096);
  if (sample.includes(0)) return 'an unrecognised binary file';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? trimPartialUtf8(sample) : sample);
  } catch {
    return 'an unrecognised binary file';
  }
  const start = text.trimStart().slice(0, 64).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'an HTML page';
  if (start.startsWith('<?xml') || start.startsWith('<svg')) return start.includes('<svg') ? 'an SVG image' : 'an XML document';
  return 'a plain text file';
}

/** Drop an incomplete trailing UTF-8 sequence cut by the sample boundary. */
function trimPartialUtf8(sample: Uint8Array): Uint8Array {
  let end = sample.length;
  let back = 0;
  while (end > 0 && back < 3 && ((sample[end - 1] ?? 0) & 0xc0) === 0x80) {
    end--;
    back++;
  }
  if (end > 0 && ((sample[end - 1] ?? 0) & 0xc0) === 0xc0) end--;
  return sample.subarray(0, end);
}
