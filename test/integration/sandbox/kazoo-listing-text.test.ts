import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupByAccount, inScope, isRanged, MAX_RANGE_SECONDS } from '../../../src/sandbox/kazoo/listing';
import { KazooPorts } from '../../../src/sandbox/kazoo/ports';
import { PORT_STATES, type PortState } from '../../../src/sandbox/kazoo/stateMachine';
import { AccountStore } from '../../../src/sandbox/store/accounts';
import { openDb, type Db } from '../../../src/sandbox/store/db';
import { KazooPortStore, type PortRecord } from '../../../src/sandbox/store/kazooPorts';
import { md5 } from '../../../src/sandbox/util/ids';
import { toGregorian } from '../../../src/sandbox/util/time';
import { createPort, startHarness, type Harness } from './helpers';

/**
 * A listing is served from one JSON text of its data, each request's attachments read for all of
 * them at once and only the documents in scope read: the answer must be byte for byte what the
 * plain path builds (every stored document read, each viewed on its own, the data stringified for
 * the revision and again in the envelope), on the demo seed (sub-accounts, attachments, comments,
 * every state, completed requests outside the 31-day window).
 */
describe.each(['4.3', '4.2'] as const)('Kazoo %s listings, byte for byte', (version) => {
  let h: Harness;
  let db: Db;
  let ports: KazooPorts;
  let store: KazooPortStore;
  let accounts: AccountStore;
  // An explicit window, so the server and the plain path below apply the same one.
  const to = toGregorian(Date.now());
  const window = `modified_from=${to - MAX_RANGE_SECONDS}&modified_to=${to}`;

  beforeAll(async () => {
    h = await startHarness({ kazooVersion: version, seed: 'demo' });
    if (version === '4.3') {
      // A private comment on a sub-account's request: the root sees it in listings, the sub-account does not.
      const sub = h.sb.accounts.subs[0]?.id ?? '';
      const id = await createPort(h, ['+13125550177'], {}, sub);
      const comments = [{ content: 'authority only', author: 'x', timestamp: to, is_private: true }];
      expect((await h.kz('PATCH', `/port_requests/${id}`, { data: { comments } }, { account: sub })).status).toBe(200);
    }
    db = openDb(h.dir);
    store = new KazooPortStore(db);
    accounts = new AccountStore(db);
    ports = new KazooPorts(store, accounts, Date.now, { version, allowSubmittedToScheduled: false });
  });
  afterAll(async () => {
    db.close();
    await h.stop();
  });

  const served = async (path: string, token: string, account: string): Promise<string> => {
    const res = await fetch(`${h.sb.kazooUrl}/v2/accounts/${account}${path}`, { headers: { 'x-auth-token': token } });
    expect(res.status).toBe(200);
    return res.text();
  };

  /** Every stored document in `states` (of every account), oldest first. */
  const everyPort = (states?: readonly PortState[]): PortRecord[] => store.list(accounts.all().map((a) => a.id), states);

  /** The listing as built before: every document of `states`, scoped, windowed, each viewed alone. */
  const plain = (text: string, viewer: string, account: string, descendants: boolean, states: readonly PortState[], allListing: boolean, extra: Record<string, unknown> = {}): string => {
    const inWindow = (r: PortRecord): boolean => !isRanged(r.state as PortState, version, allListing) || (r.updated >= to - MAX_RANGE_SECONDS && r.updated <= to);
    const records = everyPort(states).filter((r) => inScope(r, account, descendants) && inWindow(r));
    const data = groupByAccount(accounts, records, (r) => ports.view(r, { viewer, listing: true }));
    const { auth_token, request_id } = JSON.parse(text) as { auth_token: string; request_id: string };
    return JSON.stringify({ auth_token, data, ...extra, request_id, revision: md5(JSON.stringify(data)), status: 'success' });
  };

  it('the own and the descendants listings, as the root (the super-duper admin) sees them', async () => {
    const root = h.root;
    const own = await served(`/port_requests?by_types=all&${window}`, h.sb.token, root);
    expect(own).toBe(plain(own, root, root, false, PORT_STATES, version === '4.2'));
    expect((JSON.parse(own) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    const below = await served(`/descendants/port_requests?by_types=all&${window}`, h.sb.token, root);
    expect(below).toBe(plain(below, root, root, true, PORT_STATES, version === '4.2'));
    expect((JSON.parse(below) as { data: unknown[] }).data.length).toBeGreaterThan(1);
    // Attachments and comments are in what was compared.
    expect(own + below).toContain('"content_type":"application/pdf"');
    expect(own + below).toContain('"comments":[{');
    if (version === '4.3') expect(below).toContain('authority only');
  });

  it('a sub-account token: its own listing without the private comments it may not see', async () => {
    const sub = h.sb.accounts.subs[0]?.id ?? '';
    const own = await served(`/port_requests?${window}`, h.sb.subToken, sub);
    const states: readonly PortState[] = version === '4.3' ? ['unconfirmed', 'submitted', 'pending', 'scheduled', 'rejected'] : PORT_STATES;
    expect(own).toBe(plain(own, sub, sub, false, states, version === '4.2'));
    if (version === '4.3') expect(own).not.toContain('authority only');
  });

  it('by_number: a flat list with page_size', async () => {
    const root = h.root;
    const number = everyPort()[0]?.doc.numbers as Record<string, unknown>;
    const e164 = Object.keys(number)[0] ?? '';
    const flat = await served(`/port_requests?by_number=${encodeURIComponent(e164)}`, h.sb.token, root);
    const data = store.byNumber(e164).map((r) => ports.view(r, { viewer: root, listing: true }));
    expect(data.length).toBeGreaterThan(0);
    const { request_id } = JSON.parse(flat) as { request_id: string };
    expect(flat).toBe(JSON.stringify({ auth_token: h.sb.token, data, page_size: data.length, request_id, revision: md5(JSON.stringify(data)), status: 'success' }));
  });

  it('listings of one state (4.2) and of some states (4.3)', async () => {
    const root = h.root;
    if (version === '4.2') {
      const one = await served('/port_requests/unconfirmed', h.sb.token, root);
      expect(one).toBe(plain(one, root, root, false, ['unconfirmed'], false));
      const below = await served('/descendants/port_requests/submitted', h.sb.token, root);
      expect(below).toBe(plain(below, root, root, true, ['submitted'], false));
    } else {
      const some = await served('/descendants/port_requests?by_types=progressing', h.sb.token, root);
      expect(some).toBe(plain(some, root, root, true, ['submitted', 'pending', 'scheduled'], false));
    }
  });
});
