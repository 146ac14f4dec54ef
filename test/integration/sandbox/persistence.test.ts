import { describe, expect, it } from 'vitest';
import { createPort, startHarness } from './helpers';

describe('persistence and demo seed', () => {
  it('data, accounts and tokens survive a restart', async () => {
    const h1 = await startHarness();
    const id = await createPort(h1, ['+12125550133'], { pvt_client_id: 'persist-1' });
    await h1.kz('PUT', `/port_requests/${id}/attachments?filename=loa`, undefined, { headers: { 'content-type': 'application/pdf' }, raw: Buffer.from('%PDF-1.4\n%%EOF\n') });
    const draft = await h1.tx('POST', '/draft_port_requests', { phone_numbers: [{ phone_number: '+12125550134' }], customer_reference: 'keep-me' });
    const token = h1.sb.token;
    await h1.stop(true);
    const h2 = await startHarness({}, h1.dir);
    expect(h2.sb.token).toBe(token);
    expect(h2.root).toBe(h1.root);
    const r = await h2.kz('GET', `/port_requests/${id}`);
    expect(r.json.data).toMatchObject({ pvt_client_id: 'persist-1', uploads: { 'loa.pdf': { content_type: 'application/pdf' } } });
    expect(r.json.revision).toMatch(/^2-/);
    const d = await h2.tx('GET', `/draft_port_requests/${(draft.json as { id: string }).id}`);
    expect(d.json).toMatchObject({ customer_reference: 'keep-me' });
    await h2.stop();
  });

  it('demo seed: 300+ requests in every state across sub-accounts, with PDFs, and Telnyx orders', async () => {
    const h = await startHarness({ seed: 'demo' });
    const r = await h.kz('GET', '/descendants/port_requests?by_types=all');
    const groups = r.json.data as { account_id: string; port_requests: { port_state: string; uploads: Record<string, unknown>; bill?: unknown }[] }[];
    const all = groups.flatMap((g) => g.port_requests);
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const s of ['unconfirmed', 'submitted', 'pending', 'scheduled', 'completed', 'rejected', 'canceled']) {
      expect(all.some((p) => p.port_state === s), s).toBe(true);
    }
    expect(all.filter((p) => 'loa.pdf' in p.uploads && 'bill.pdf' in p.uploads).length).toBeGreaterThan(200);
    const t = await h.tx('GET', '/port_requests?per_page=100');
    expect((t.json as unknown[]).length).toBeGreaterThanOrEqual(20);
    await h.stop();
  });
});
