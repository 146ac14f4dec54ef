import { cleanText } from '../../shared/domain/text';
import type { PortFields } from '../../shared/model';
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
  return {
    ...remote,
    fields: fields as PortFields,
    ...(remote.accountName ? { accountName: cleanText(remote.accountName).trim() } : {}),
    ...(typeof remote.stateReason === 'string' ? { stateReason: cleanText(remote.stateReason, { multiline: true }) } : {}),
    ...(remote.comments ? { comments: remote.comments.map((c) => ({ ...c, body: cleanText(c.body, { multiline: true }), author: cleanText(c.author) })) } : {}),
    ...(remote.attachments ? { attachments: remote.attachments.map((a) => ({ ...a, name: cleanText(a.name) })) } : {}),
  };
}
