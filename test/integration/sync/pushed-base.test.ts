import { afterEach, describe, expect, it } from 'vitest';
import { numbers, startHarness, type Harness } from './harness';
import { allDrafts, completeFields, telnyxApi } from './telnyx-api';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function converge(hh: Harness): Promise<void> {
  for (let i = 0; i < 8; i += 1) if ((await hh.engine.syncNow({ waitMs: 10_000 })).converged) return;
  throw new Error('did not converge');
}

/**
 * Telnyx leaves a field a PUT does not name unchanged ("Any parameters not included in the request
 * will be left unchanged", telnyx-porting.md), and PortDesk names no empty field: text another client
 * wrote there comes back in every answer to PortDesk's writes, stray escapes, NUL and bidi marks
 * included. That answer is the merge base; read raw, the next pull (which cleans) saw a remote change.
 */
describe("a write's answer becomes the merge base cleaned as a pull cleans it", () => {
  it('junk another client left in a field: a later local edit of it, pulled before it is pushed, is no conflict and reaches the server', async () => {
    h = await startHarness('telnyx');
    const id = h.ctx.ports.create({ fields: { name: 'Clean base', ...completeFields() }, numbers: numbers(820, 1), remoteId: h.remoteId }).id;
    await converge(h);
    const draftId = (h.ctx.ports.get(id).remoteObjectId as string).slice('draft:'.length);
    const sub = async (): Promise<Record<string, unknown>> => (await allDrafts(h!)).find((d) => d.id === draftId)?.sub_requests[0] ?? {};
    const subPath = `/draft_port_requests/${draftId}/sub_requests/${String((await sub()).id)}`;

    // Another client: a second line that is nothing visible (a terminal escape, NUL, a bidi override, spaces).
    await telnyxApi(h, subPath, { method: 'PUT', json: { extended_address: '\u001b[2J\u0000 \u202E  ' } });
    // A local edit of another field, pushed through a 503: PortDesk's write is answered with that junk.
    h.ctx.ports.update(id, { pin: '4321' });
    await h.faults({ serverError: { next: 1, statuses: [503] } });
    await converge(h);
    expect(h.ctx.ports.get(id)).toMatchObject({ extendedAddress: '', pin: '4321', syncStatus: 'synced' });

    // Then the line is filled in locally while someone changes the signer remotely, and a pull
    // comes before the push (the push's first request fails).
    h.ctx.ports.update(id, { extendedAddress: 'Suite 5' });
    await telnyxApi(h, subPath, { method: 'PUT', json: { auth_person_name: 'Dana R. Reyes' } });
    await h.faults({ serverError: { next: 1, statuses: [503] } });
    await h.engine.syncNow({ waitMs: 0 });
    expect(h.ctx.repos.conflicts.list()).toEqual([]);
    expect(h.ctx.ports.get(id)).toMatchObject({ extendedAddress: 'Suite 5', authorizedPerson: 'Dana R. Reyes' });

    await h.faults({ seed: 7, serverError: { rate: 0.2, statuses: [503] }, lostResponse: { rate: 0.2 } });
    await converge(h);
    await h.faults({});
    await converge(h);
    expect(h.ctx.repos.conflicts.list()).toEqual([]);
    expect(h.ctx.ports.get(id)).toMatchObject({ extendedAddress: 'Suite 5', authorizedPerson: 'Dana R. Reyes', pin: '4321', syncStatus: 'synced' });
    expect(await sub()).toMatchObject({ extended_address: 'Suite 5', auth_person_name: 'Dana R. Reyes', pin_passcode: '4321' });
  }, 90_000);
});
