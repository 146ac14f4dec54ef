import { readStored, type AttachmentMeta, type PortRecord, type StoredPort } from '../store/kazooPorts';
import type { KazooPorts } from './ports';

interface Entry {
  stored: StoredPort;
  rec: PortRecord;
  /** Listing JSON by viewer and attachments. */
  json: Map<string, string>;
}

/**
 * What listings show of each stored request, made once per version of its stored row rather
 * than on every listing: the record read from the row, and its listing view as JSON text
 * (`JSON.stringify(ports.view(rec, {viewer, listing: true, attachments}))`). Every input of the
 * view is in the key: the stored row (document text, state, times, account, rev), the viewer and
 * the attachments; the accounts it names are never changed once made (AccountStore). A request
 * deleted from the store keeps its entry until the sandbox stops, which no listing reads.
 */
export class ListedDocs {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ports: KazooPorts) {}

  /** The record of a stored row (shared: read, never changed, by listings). */
  record(stored: StoredPort): PortRecord {
    return this.entry(stored).rec;
  }

  /** The request's listing view for `viewer` as JSON text. */
  json(stored: StoredPort, viewer: string, attachments: readonly AttachmentMeta[]): string {
    const entry = this.entry(stored);
    const key = attachments.length === 0 ? viewer : `${viewer}\n${JSON.stringify(attachments)}`;
    let text = entry.json.get(key);
    if (text === undefined) {
      text = JSON.stringify(this.ports.view(entry.rec, { viewer, listing: true, attachments }));
      entry.json.set(key, text);
    }
    return text;
  }

  private entry(stored: StoredPort): Entry {
    const known = this.entries.get(stored.id);
    if (known && sameRow(known.stored, stored)) return known;
    const entry: Entry = { stored, rec: readStored(stored), json: new Map() };
    this.entries.set(stored.id, entry);
    return entry;
  }
}

function sameRow(a: StoredPort, b: StoredPort): boolean {
  return a.docText === b.docText && a.state === b.state && a.rev === b.rev && a.created === b.created && a.updated === b.updated && a.accountId === b.accountId;
}
