import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPort, freshNumber, startHarness, type Harness } from './helpers';

const USER_NOT_ALLOWED = "you're not allowed to change to new state from current state, please contact your port authority";
const NOW_ISH = 63_900_000_000;

describe.each(['4.3', '4.2'] as const)('Kazoo %s: who may do what (knm_port_request, cb_port_requests)', (version) => {
  let h: Harness;
  let sub = '';
  beforeAll(async () => {
    h = await startHarness({ kazooVersion: version });
    sub = h.sb.accounts.subs[0]?.id ?? '';
  });
  afterAll(async () => h.stop());
  const asSub = { token: '', account: '' };
  const subOpts = (): { token: string; account: string } => ({ ...asSub, token: h.sb.subToken, account: sub });
  const move = (id: string, to: string, opts = subOpts()) => h.kz('PATCH', `/port_requests/${id}/${to}`, { data: to === 'scheduled' ? { scheduled_date: NOW_ISH } : {}, accept_charges: true }, opts);

  it('a user who is not the port authority may submit and cancel an unconfirmed request, nothing else (4.3); 4.2 checks no authority', async () => {
    const id = await createPort(h, [freshNumber()], {}, sub);
    expect((await move(id, 'submitted')).status).toBe(200);
    const pending = await move(id, 'pending');
    const canceled = await move(id, 'canceled');
    if (version === '4.3') {
      expect(pending.status).toBe(400);
      expect(pending.json).toMatchObject({ error: '400', data: { port_state: { enum: { cause: 'pending', message: USER_NOT_ALLOWED } } } });
      expect(canceled.status).toBe(400);
      const draft = await createPort(h, [freshNumber()], {}, sub);
      expect((await move(draft, 'canceled')).status).toBe(200);
      // The port authority (the master account here) may.
      expect((await move(id, 'pending', { token: h.sb.token, account: sub })).status).toBe(200);
    } else {
      expect(pending.status).toBe(200);
      expect(canceled.status).toBe(200);
    }
  });

  it('submitted -> scheduled only with allow_port_transition_from_submitted_to_scheduled', async () => {
    const id = await createPort(h, [freshNumber()]);
    await move(id, 'submitted', { token: h.sb.token, account: h.root });
    expect((await move(id, 'scheduled', { token: h.sb.token, account: h.root })).status).toBe(400);
    const allowing = await startHarness({ kazooVersion: version, allowSubmittedToScheduled: true });
    try {
      const other = await createPort(allowing, [freshNumber()]);
      await allowing.kz('PATCH', `/port_requests/${other}/submitted`, { data: {}, accept_charges: true });
      expect((await allowing.kz('PATCH', `/port_requests/${other}/scheduled`, { data: { scheduled_date: NOW_ISH } })).status).toBe(200);
    } finally {
      await allowing.stop();
    }
  });

  it("a write under another account's path saves the request into that account", async () => {
    const id = await createPort(h, [freshNumber()], {}, sub);
    const r = await h.kz('POST', `/port_requests/${id}`, { data: { name: 'Edited from the root', numbers: { [freshNumber()]: {} } } });
    expect(r.status).toBe(200);
    const own = await h.kz('GET', '/port_requests');
    expect(JSON.stringify(own.json.data)).toContain(id);
    const under = await h.kz('GET', '/port_requests', undefined, subOpts());
    expect(JSON.stringify(under.json.data)).not.toContain(id);
  });

  it('the token names its user; the user document carries the name', async () => {
    const tok = await fetch(`${h.sb.kazooUrl}/v2/token_auth`, { headers: { 'x-auth-token': h.sb.subToken } });
    const t = (await tok.json()) as { data: { account_id: string; owner_id: string } };
    expect(t.data.account_id).toBe(sub);
    const u = await h.kz('GET', `/users/${t.data.owner_id}`, undefined, subOpts());
    const name = u.json.data as { first_name: string; last_name: string };
    expect(`${name.first_name} ${name.last_name}`).toBe(h.sb.users.sub);
  });

  it('comments: 4.3 adds them with PATCH per comment.json (author, content, timestamp), as the user; private ones only from the authority', async () => {
    const id = await createPort(h, [freshNumber()], {}, sub);
    await move(id, 'submitted');
    const patch = (comments: unknown[], opts = subOpts()) => h.kz('PATCH', `/port_requests/${id}`, { data: { comments } }, opts);
    if (version === '4.2') {
      expect((await patch([{ content: 'x', author: 'a', timestamp: NOW_ISH }])).status).toBe(405);
      return;
    }
    const missing = await patch([{ content: 'No author' }]);
    expect(missing.status).toBe(400);
    expect(missing.json.data).toHaveProperty(['comments.0.author', 'required']);
    expect(missing.json.data).toHaveProperty(['comments.0.timestamp', 'required']);
    const ok = await patch([{ content: 'Customer confirmed the PIN', author: 'PortDesk', timestamp: NOW_ISH }]);
    expect(ok.status).toBe(200);
    const stored = (ok.json.data as { comments: Record<string, unknown>[] }).comments;
    expect(stored).toEqual([expect.objectContaining({ content: 'Customer confirmed the PIN', author: h.sb.users.sub, timestamp: NOW_ISH, account_id: sub })]);
    const priv = await patch([...stored, { content: 'internal', author: 'x', timestamp: NOW_ISH + 1, is_private: true }]);
    expect(priv.status).toBe(403);
    expect(priv.json).toMatchObject({ error: '403', data: { comments: { forbidden: { message: "you're not allowed to make private comment or set action_required" } } } });
    const both = await patch([...stored, { content: 'internal', author: 'x', timestamp: NOW_ISH + 1, is_private: true, action_required: true }], { token: h.sb.token, account: sub });
    expect(both.status).toBe(400);
    const authorityPrivate = await patch([...stored, { content: 'internal note', author: 'x', timestamp: NOW_ISH + 2, is_private: true }], { token: h.sb.token, account: sub });
    expect(authorityPrivate.status).toBe(200);
    // The sub-account's user does not see the authority's private comment.
    const seen = await h.kz('GET', `/port_requests/${id}`, undefined, subOpts());
    expect((seen.json.data as { comments: { content: string }[] }).comments.map((c) => c.content)).toEqual(['Customer confirmed the PIN']);
  });
});
