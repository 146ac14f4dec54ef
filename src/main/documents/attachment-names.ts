import type { AttachmentKind } from '../db/repos/attachments-repo';
import { kazooFilename } from './filenames';

/** What an attachment's name says: its kind, and a name unique among a port's attachments. Used by the documents service and by pull. */

const LOA_NAME = /\bloa\b|letter[\s_-]*of[\s_-]*auth|authori[sz]ation/i;
const BILL_NAME = /bill|invoice|statement|\bcsr\b/i;

/** Guess the kind from the file name: an LOA, a carrier bill, or something else. */
export function guessKind(name: string): AttachmentKind {
  const base = name.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ');
  if (LOA_NAME.test(base)) return 'loa';
  if (BILL_NAME.test(base)) return 'bill';
  return 'other';
}

/**
 * The Kazoo name (`.pdf` appended) made unique among `taken`: Kazoo keys a port's attachments by
 * name, so a second `bill.pdf` would silently overwrite the first remotely. `bill.pdf` becomes
 * `bill (2).pdf`, `bill (3).pdf`, …
 */
export function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  const name = kazooFilename(wanted);
  if (!taken.has(name)) return name;
  const base = name.slice(0, -'.pdf'.length);
  for (let n = 2; ; n++) {
    const candidate = kazooFilename(`${base} (${n})`);
    if (!taken.has(candidate)) return candidate;
  }
}
