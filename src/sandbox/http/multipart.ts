/** One multipart/form-data body split into its text fields and its file part. */
export interface FormData {
  fields: Record<string, string>;
  file?: { data: Buffer; contentType: string };
}

/**
 * Parse a multipart/form-data body (RFC 7578), as a file store's browser-style POST sends it:
 * text fields first, the `file` part last. Returns null when the body is not multipart.
 */
export function parseMultipart(contentType: string, body: Buffer): FormData | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!contentType.toLowerCase().startsWith('multipart/form-data') || !mark) return null;
  const delimiter = Buffer.from(`--${mark}`);
  const out: FormData = { fields: {} };
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const head = part.subarray(0, split).toString('utf8');
      const data = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
      if (/filename="/i.test(head) || name === 'file') {
        out.file = { data, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream' };
      } else if (name) out.fields[name] = data.toString('utf8');
    }
    at = next;
  }
  return out;
}
