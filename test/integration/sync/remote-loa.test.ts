import { afterEach, describe, expect, it } from 'vitest';
import { numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("the remote's own LOA", () => {
  it('fetches Kazoo’s LOA for a synced port and attaches it beside PortDesk’s', async () => {
    h = await startHarness('kazoo');
    const port = h.ctx.ports.create({ fields: { name: 'Carrier LOA', billingName: 'Acme LLC' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    const early = await h.ctx.router.call('loa.remote', { portId: port.id });
    expect(early).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/not on a remote yet: sync it first/) } });

    expect((await h.engine.syncNow({ waitMs: 10_000 })).converged).toBe(true);
    const result = await h.ctx.router.call('loa.remote', { portId: port.id });
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as { attachment: { name: string; kind: string } | null; contentBase64: string };
    expect(Buffer.from(value.contentBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(value.attachment).toMatchObject({ name: 'LOA from carrier - Carrier LOA.pdf', kind: 'loa' });
    expect(h.ctx.ports.get(port.id).attachments.map((a) => a.kind)).toEqual(['loa']);
  });

  it('says Telnyx builds no LOA', async () => {
    h = await startHarness('telnyx');
    const port = h.ctx.ports.create({ fields: { name: 'No carrier LOA' }, numbers: numbers(10, 1), remoteId: h.remoteId });
    expect((await h.engine.syncNow({ waitMs: 10_000 })).converged).toBe(true);
    expect(await h.ctx.router.call('loa.remote', { portId: port.id })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringMatching(/Telnyx does not build LOAs/) } });
  });
});
