import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ randomSeed: 7 });
});
beforeEach(async () => {
  await h.admin('POST', '/reset-faults');
});
afterAll(async () => h.stop());

const createBody = (n: string, marker: string) => ({ data: { name: `Port ${n}`, numbers: { [n]: {} }, client_ref: marker } });

describe('fault injection', () => {
  it('admin needs the main token', async () => {
    const res = await fetch(`${h.sb.adminUrl}/faults`, { headers: { 'x-auth-token': h.sb.subToken } });
    expect(res.status).toBe(401);
  });

  it('fixed latency delays answers', async () => {
    await h.admin('POST', '/faults', { latency: { fixedMs: 150 } });
    const t = Date.now();
    expect((await h.kz('GET', '/port_requests')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('random latency stays within its range and varies', async () => {
    await h.admin('POST', '/faults', { seed: 3, latency: { minMs: 40, maxMs: 160 } });
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      expect((await h.kz('GET', '/port_requests')).status).toBe(200);
      times.push(performance.now() - t);
    }
    expect(Math.min(...times)).toBeGreaterThanOrEqual(35);
    expect(Math.max(...times)).toBeLessThan(160 + 400);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(10);
  });

  it('a share of 500/503 answers is reproducible with a seed, and nothing is applied', async () => {
    const run = async (): Promise<number[]> => {
      await h.admin('POST', '/faults', { seed: 99, serverError: { rate: 0.5 } });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await h.kz('GET', '/port_requests')).status);
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 500 || s === 503).length).toBeGreaterThan(2);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(2);
    await h.admin('POST', '/faults', { serverError: { next: 1, statuses: [503] } });
    const r = await h.kz('PUT', '/port_requests', createBody('+16175550101', 'se-1'));
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ error: '503', status: 'error' });
    const found = await h.kz('GET', '/port_requests?by_number=%2B16175550101');
    expect(found.json.data).toEqual([]);
  });

  it('429 with Retry-After', async () => {
    await h.admin('POST', '/faults', { rateLimit: { next: 1, retryAfterSeconds: 3 } });
    const r = await h.kz('GET', '/port_requests');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('3');
    const t = await h.tx('GET', '/port_requests');
    expect(t.status).toBe(200);
  });

  it('connection reset after headers and mid-body make the client fail', async () => {
    await h.admin('POST', '/faults', { reset: { next: 1, phase: 'headers' } });
    await expect(fetch(`${h.sb.kazooUrl}/v2/accounts/${h.root}/port_requests`, { headers: { 'x-auth-token': h.sb.token } }).then((r) => r.text())).rejects.toThrow();
    await h.admin('POST', '/faults', { reset: { next: 1, phase: 'body' } });
    await expect(fetch(`${h.sb.kazooUrl}/v2/accounts/${h.root}/port_requests`, { headers: { 'x-auth-token': h.sb.token } }).then((r) => r.text())).rejects.toThrow();
    expect((await h.kz('GET', '/port_requests')).status).toBe(200);
  });

  it('lost response: the next mutating request is applied, then the connection drops', async () => {
    await h.admin('POST', '/faults', { lostResponse: { next: 1 } });
    expect((await h.kz('GET', '/port_requests')).status).toBe(200); // reads are not counted
    await expect(h.kz('PUT', '/port_requests', createBody('+16175550102', 'lost-1'))).rejects.toThrow();
    const found = await h.kz('GET', '/port_requests?by_number=%2B16175550102');
    const data = found.json.data as { client_ref: string }[];
    expect(data).toHaveLength(1);
    expect(data[0]?.client_ref).toBe('lost-1');
    const log = await h.admin('GET', '/log');
    const entries = log.json.data as { method: string; outcome: string; status: number; accountId: string }[];
    const lost = entries.find((e) => e.outcome === 'lost');
    expect(lost).toMatchObject({ method: 'PUT', status: 201, accountId: h.root });
  });

  it('token expiry: 401 until a new token is issued', async () => {
    await h.admin('POST', '/faults', { tokenTtlMs: 0 });
    await new Promise((r) => setTimeout(r, 5));
    expect((await h.kz('GET', '/port_requests')).status).toBe(401);
    expect((await h.tx('GET', '/port_requests')).status).toBe(401);
    await h.admin('POST', '/reset-faults');
    expect((await h.kz('GET', '/port_requests')).status).toBe(200);
    const exp = await h.admin('POST', '/tokens/expire');
    expect(exp.json.expired as number).toBeGreaterThan(0);
    const denied = await h.kz('GET', '/port_requests');
    expect(denied.status).toBe(401);
    expect(JSON.stringify(denied.json.data)).toContain('expired');
    const issued = await h.admin('POST', '/tokens', {});
    expect(issued.status).toBe(201);
    const fresh = issued.json.token as string;
    expect((await h.kz('GET', '/port_requests', undefined, { token: fresh })).status).toBe(200);
    expect((await h.tx('GET', '/port_requests', undefined, { 'x-api-user': h.sb.telnyxUser, 'x-api-token': fresh })).status).toBe(200);
  });

  it('the request log records method, path, status, account and order', async () => {
    await h.admin('DELETE', '/log');
    await h.kz('GET', '/port_requests/pending');
    await h.tx('GET', '/draft_port_requests', undefined, { 'x-api-user': h.sb.telnyxUser, 'x-api-token': (await h.admin('POST', '/tokens', {})).json.token as string });
    const log = (await h.admin('GET', '/log')).json.data as { seq: number; family: string; path: string; status: number }[];
    const api = log.filter((e) => e.family !== 'admin');
    expect(api.map((e) => e.family)).toEqual(['kazoo', 'telnyx']);
    expect(api[0]?.path).toContain('/port_requests/pending');
    expect(api[0]!.seq).toBeLessThan(api[1]!.seq);
  });
});
