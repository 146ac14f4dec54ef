import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { AppError } from '../../../shared/errors';
import { FontChain } from './pdfText';

/**
 * The fonts the LOA is printed with: subsets of Noto (resources/fonts, made by
 * scripts/make-loa-fonts.py, SIL Open Font License), so a customer's name prints as written in
 * Latin, Greek, Cyrillic, Arabic, Hebrew and the common CJK characters. Each face is tried in
 * order for every character; the fallbacks are embedded only when the letter needs them, and
 * only the glyphs used (pdf-lib subsets them again), so a Latin-only LOA carries ~20 KB of font.
 */
const REGULAR = 'NotoSans-Regular.ttf';
const BOLD = 'NotoSans-Bold.ttf';
const FALLBACKS = ['NotoSansArabic-Regular.ttf', 'NotoSansHebrew-Regular.ttf', 'NotoSansCJK-Regular.otf'] as const;

export interface LoaFonts {
  regular: FontChain;
  bold: FontChain;
  /** Regular slanted (notes): Noto's italic would be a third file for two fixed sentences. */
  italic: FontChain;
  /** Characters of the letter no face can draw (printed as "?"), in order of appearance. */
  unprintable: Set<string>;
}

/**
 * Where the fonts are: beside the packaged app (electron-builder's extraResources `fonts/`), else
 * the repository's resources/fonts, found upwards from this module (src/main/documents/loa under
 * tsx and vitest, out/main or out/cli once built).
 */
export function loaFontsDir(): string {
  const candidates: string[] = [];
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'fonts'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'resources', 'fonts'));
    dir = dirname(dir);
  }
  const found = candidates.find((c) => existsSync(join(c, REGULAR)));
  if (!found) throw new AppError('INTERNAL', `The LOA fonts are missing (looked for ${REGULAR} in ${candidates.join(', ')})`);
  return found;
}

const bytesCache = new Map<string, Uint8Array>();
const coverageCache = new Map<string, Set<number>>();

function fontBytes(name: string): Uint8Array {
  let bytes = bytesCache.get(name);
  if (!bytes) {
    bytes = readFileSync(join(loaFontsDir(), name));
    bytesCache.set(name, bytes);
  }
  return bytes;
}

type Fontkit = typeof import('@cantoo/fontkit').default;

/** The code points a font file maps (read once per process; the CJK face has ~14,000). */
function coverage(fontkit: Fontkit, name: string): Set<number> {
  let set = coverageCache.get(name);
  if (!set) {
    const font = fontkit.create(Buffer.from(fontBytes(name)));
    set = new Set('characterSet' in font ? font.characterSet : []);
    coverageCache.set(name, set);
  }
  return set;
}

/**
 * Embed the faces `text` (everything the letter will print) needs into `doc`. Drawing stays
 * synchronous afterwards: a character no embedded face covers is printed as "?" and recorded in
 * `unprintable`, never thrown.
 */
export async function embedLoaFonts(doc: PDFDocument, text: string): Promise<LoaFonts> {
  const fontkit = (await import('@cantoo/fontkit')).default;
  doc.registerFontkit(fontkit);
  const embed = (name: string): Promise<PDFFont> => doc.embedFont(fontBytes(name), { subset: true });
  const primary = coverage(fontkit, REGULAR);
  const wanted = new Set<number>();
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!primary.has(cp)) wanted.add(cp);
  }
  const fallbacks: PDFFont[] = [];
  for (const name of FALLBACKS) {
    // Reading a face's coverage parses the whole file (2.7 MB for CJK): never for a Latin letter.
    if (wanted.size === 0) break;
    const covers = coverage(fontkit, name);
    if ([...wanted].some((cp) => covers.has(cp))) {
      fallbacks.push(await embed(name));
      for (const cp of covers) wanted.delete(cp);
    }
  }
  const regular = await embed(REGULAR);
  const bold = await embed(BOLD);
  const unprintable = new Set<string>();
  return {
    regular: new FontChain([regular, ...fallbacks], unprintable),
    bold: new FontChain([bold, regular, ...fallbacks], unprintable),
    italic: new FontChain([regular, ...fallbacks], unprintable, 11),
    unprintable,
  };
}
