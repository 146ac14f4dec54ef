import type { IncomingHttpHeaders } from 'node:http';

/** A fully built answer; the server writes it, possibly sabotaged by fault injection. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Who made the request, filled in by the family's auth so the request log can show it. */
export interface Caller {
  token?: string;
  accountId?: string;
}

/** Everything a handler needs about one request; the body is already read. */
export interface RequestCtx {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** True when the body exceeded the upload limit and was discarded. */
  bodyTooLarge: boolean;
  caller: Caller;
}

/** A JSON reply. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return jsonText(status, JSON.stringify(value), headers);
}

/** A JSON reply whose text is already written. */
export function jsonText(status: number, text: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(text) };
}

/** A binary reply (attachments, PDFs). */
export function binary(status: number, contentType: string, body: Buffer, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': contentType, ...headers }, body };
}

/** A header value as one string. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Parse a JSON body; undefined for an empty body, an Error for malformed JSON. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return new Error('malformed JSON');
  }
}
