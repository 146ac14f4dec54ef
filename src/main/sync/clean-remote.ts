import { cleanText } from '../../shared/domain/text';
import { IsoDateSchema, type PortFields } from '../../shared/model';
import { FIELD_LABELS } from '../../shared/domain/fieldLabels';
import type { RemotePort } from './adapters/types';

/** What a port whose remote name is nothing visible (only controls or zero-width characters) is called. */
const UNNAMED = 'Unnamed port';

/**
 * A pulled port's text cleaned as RPC input is (controls, terminal escapes, bidi overrides,
 * invisibles, lone surrogates): a remote document is outside input like any other.
 */
export function cleanRemotePort(remote: RemotePort): RemotePort {
  const fields = { ...remote.fields } as Record<keyof PortFields, unknown>;
  for (const key of Object.keys(fields) as (keyof PortFields)[]) {
    const value = fields[key];
    if (typeof value === 'string') fields[key] = cleanText(value).trim();
    else if (Array.isArray(value)) fields[key] = value.map((v) => (typeof v === 'string' ? cleanText(v).trim() : v));
  }
  if (fields.name === '') fields.name = UNNAMED;
  // A date the remote holds that is no real day (2026-02-30) is no date here; the timeline keeps
  // the remote's own text so nothing is lost unsaid.
  const notes = [...(remote.notes ?? [])];
  for (const key of ['transferDate', 'focDate'] as const) {
    const value = fields[key];
    if (typeof value !== 'string' || value === '' || IsoDateSchema.safeParse(value).success) continue;
    notes.push(`${FIELD_LABELS[key]} "${value}" from the remote is not a real date: read as no date`);
    fields[key] = '';
  }
  // Assigned one by one rather than spread in from literals, which V8 builds on a slow path (a
  // pull cleans every listed request); the keys come out in the same order.
  const out: RemotePort = { ...remote, fields: fields as PortFields };
  if (notes.length > 0) out.notes = notes;
  if (remote.accountName) out.accountName = cleanText(remote.accountName).trim();
  if (typeof remote.stateReason === 'string') out.stateReason = cleanText(remote.stateReason, { multiline: true });
  if (remote.comments) out.comments = remote.comments.map((c) => ({ ...c, body: cleanText(c.body, { multiline: true }), author: cleanText(c.author) }));
  if (remote.attachments) out.attachments = remote.attachments.map((a) => ({ ...a, name: cleanText(a.name) }));
  return out;
}
