import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPortability } from '../../../src/main/import/portability';
import type { RemoteConfig } from '../../../src/main/remotes/config';
import { KazooAdapter } from '../../../src/main/sync/adapters/kazoo';
import { TelnyxAdapter } from '../../../src/main/sync/adapters/telnyx';

const tls = new URL('../../support/tls/', import.meta.url);
const cert = readFileSync(new URL('cert.pem', tls), 'utf8');
const seen: string[] = [];
let url = '';
const server = createServer({ key: readFileSync(new URL('key.pem', tls)), cert }, (req, res: ServerResponse) => {
  seen.push(`${req.method} ${req.url}`);
  req.resume();
  req.on('end', () => {
    if (req.url?.endsWith('/download_links')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: `${url}/signed/file.pdf` }));
    if (req.url?.endsWith('/portability_checks')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ phone_numbers: [{ e164_number: '+12025550100', portable: true }] }]));
    res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 bytes');
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const config = (kind: RemoteConfig['kind'], trusted: boolean): RemoteConfig => ({
  kind,
  baseUrl: url,
  accountId: 'acc1',
  token: 'tok',
  user: 'ops@example.com',
  ...(trusted ? { trustedCa: [cert] } : {}),
});
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString();

describe("the remote's trusted certificate reaches every request of that remote, not only the sync's JSON calls", () => {
  it('Kazoo attachment downloads and LOAs', async () => {
    await expect(new KazooAdapter(config('kazoo', false)).downloadAttachment('p1', 'loa.pdf')).rejects.toThrow(/DEPTH_ZERO_SELF_SIGNED_CERT/);
    const adapter = new KazooAdapter(config('kazoo', true));
    expect(text(await adapter.downloadAttachment('p1', 'loa.pdf'))).toBe('%PDF-1.4 bytes');
    expect(text(await adapter.fetchLoa('p1'))).toBe('%PDF-1.4 bytes');
  });

  it('Telnyx attachment downloads, through the download link too', async () => {
    await expect(new TelnyxAdapter(config('telnyx', false)).downloadAttachment('draft:d1', 'doc1')).rejects.toThrow(/DEPTH_ZERO_SELF_SIGNED_CERT/);
    seen.length = 0;
    expect(text(await new TelnyxAdapter(config('telnyx', true)).downloadAttachment('draft:d1', 'doc1'))).toBe('%PDF-1.4 bytes');
    expect(seen).toEqual(['POST /origination/porting/draft_port_requests/d1/supporting_documents/doc1/download_links', 'GET /signed/file.pdf']);
  });

  it("the import's portability check", async () => {
    await expect(checkPortability(config('telnyx', false), ['+12025550100'])).rejects.toThrow(/DEPTH_ZERO_SELF_SIGNED_CERT/);
    expect(await checkPortability(config('telnyx', true), ['+12025550100'])).toEqual([{ e164: '+12025550100', portable: true, reason: null, carrier: '' }]);
  });
});
