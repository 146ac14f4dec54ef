import { describe, expect, it } from 'vitest';
import { createPort, startHarness } from './helpers';

describe('persistence and demo seed', () => {
  it('data, accounts and tokens survive a restart', async () => {
    const h1 = await startHarness();
    const id = await createPort(h1, ['+12125550133'], { client_ref: 'persist-1' });
    await h1.kz('PUT', `/port_requests/${id}/attachments?filename=loa`, undefined, { headers: { 'content-type': 'application/pdf' }, raw: Buffer.from('%PDF-1.4\n%%EOF\n') });
    const draft = await h1.tx('POST', '/draft_port_requests', { phone_numbers: [{ phone_number: '+12125550134' }] });
    const token = h1.sb.token;
    await h1.stop(true);
    const h2 = await startHarness({}, h1.dir);
    expect(h2.sb.token).toBe(token);
    expect(h2.root).toBe(h1.root);
    const r = await h2.kz('GET', `/port_requests/${id}`);
    expect(r.json.data).toMatchObject({ client_ref: 'persist-1', uploads: { 'loa.pdf': { content_type: 'application/pdf' } } });
    expect(r.json.revision).toMatch(/^2-/);
    const d = await h2.tx('GET', `/draft_port_requests/${(draft.json as { id: string }).id}`);
    expect(d.json).toMatchObject({ status: 'pending', phone_numbers: [{ phone_number: '+12125550134' }] });
    await h2.stop();
  });

  it('demo seed: 300+ requests in every state across sub-accounts, old completed ones outside the 31-day window, with PDFs, and Telnyx orders', async () => {
    const h = await startHarness({ seed: 'demo' });
    type Doc = { id: string; port_state: string; updated: number; uploads: Record<string, unknown>; bill?: Record<string, unknown>; _read_only?: { port_authority: string } };
    const docs = async (path: string): Promise<{ account_id: string; port_requests: Doc[] }[]> =>
      (await h.kz('GET', path)).json.data as { account_id: string; port_requests: Doc[] }[];
    // 4.3 needs both listings: the account's own requests, and its sub-accounts'.
    const groups = [...(await docs('/port_requests?by_types=all')), ...(await docs('/descendants/port_requests?by_types=all'))];
    const all = groups.flatMap((g) => g.port_requests);
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(new Set(groups.map((g) => g.account_id)).size).toBeGreaterThanOrEqual(4);
    for (const s of ['unconfirmed', 'submitted', 'pending', 'scheduled', 'completed', 'rejected', 'canceled']) {
      expect(all.some((p) => p.port_state === s), s).toBe(true);
    }
    expect(all.filter((p) => 'loa.pdf' in p.uploads && 'bill.pdf' in p.uploads).length).toBeGreaterThan(150);
    expect(all.every((p) => p._read_only?.port_authority === h.root)).toBe(true);
    expect(all.some((p) => typeof p.bill?.street_number === 'string' && typeof p.bill.street_type === 'string')).toBe(true);
    // Completed requests older than the default window exist: a window 60 to 30 days back finds some.
    const nowG = Math.max(...all.map((p) => p.updated));
    const old = await docs(`/descendants/port_requests?by_types=completed&modified_from=${nowG - 60 * 86_400}&modified_to=${nowG - 31 * 86_400}`);
    const oldIds = old.flatMap((g) => g.port_requests.map((p) => p.id));
    expect(oldIds.length).toBeGreaterThan(0);
    expect(all.map((p) => p.id)).not.toContain(oldIds[0]);
    const t = await h.tx('GET', '/port_requests?per_page=100');
    expect((t.json as unknown[]).length).toBeGreaterThanOrEqual(20);
    await h.stop();
  });
});
