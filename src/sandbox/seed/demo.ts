import type { AccountStore } from '../store/accounts';
import type { Db } from '../store/db';
import type { KazooPortStore, PortRecord } from '../store/kazooPorts';
import type { KazooPorts } from '../kazoo/ports';
import { portAuthorityOf } from '../accounts';
import type { PortState } from '../kazoo/stateMachine';
import { REJECTION_REASONS } from '../clock/carrier';
import { TELNYX_STAFF_USER, type TelnyxPorting } from '../telnyx/service';
import { emptyLoaFields, type SubRequestDoc } from '../telnyx/model';
import { carrierAllowsPortOut, carrierOf } from '../util/phone';
import { createPrng, type Prng } from '../util/prng';
import { toGregorian } from '../util/time';
import { BUSINESSES, PEOPLE, PLACES, STREETS } from './names';
import { tinyPdf } from './tinyPdf';

export interface SeedDeps {
  db: Db;
  accounts: AccountStore;
  kazooStore: KazooPortStore;
  kazoo: KazooPorts;
  telnyx: TelnyxPorting;
  now: () => number;
  seed: number;
}

const DAY = 86_400_000;
const KAZOO_REQUESTS = 320;

/** State histories (after unconfirmed) and how often each appears. */
const PATHS: { weight: number; path: PortState[] }[] = [
  { weight: 14, path: [] },
  { weight: 14, path: ['submitted'] },
  { weight: 11, path: ['submitted', 'pending'] },
  { weight: 11, path: ['submitted', 'pending', 'scheduled'] },
  { weight: 30, path: ['submitted', 'pending', 'scheduled', 'completed'] },
  { weight: 5, path: ['submitted', 'rejected'] },
  { weight: 4, path: ['submitted', 'pending', 'rejected'] },
  { weight: 4, path: ['canceled'] },
  { weight: 4, path: ['submitted', 'canceled'] },
];

/** Fictional numbers NPA-555-0100..0199, handed out without repeats. */
function numberPool(prng: Prng): () => string {
  const pool: string[] = [];
  for (const place of PLACES) for (let i = 100; i < 200; i++) pool.push(`+1${place[3]}5550${i}`);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return () => {
    const n = pool.pop();
    if (!n) throw new Error('demo number pool exhausted');
    return n;
  };
}

function pickPath(prng: Prng): PortState[] {
  const total = PATHS.reduce((n, p) => n + p.weight, 0);
  let r = prng.int(1, total);
  for (const p of PATHS) {
    r -= p.weight;
    if (r <= 0) return p.path;
  }
  return [];
}

/** Load the deterministic demo data set: 320 Kazoo requests, Telnyx orders and drafts. */
export async function seedDemo(deps: SeedDeps): Promise<void> {
  const prng = createPrng(deps.seed ^ 0x5eed);
  const nextNumber = numberPool(prng);
  const accounts = deps.accounts.all();
  const now = deps.now();
  deps.db.transaction(() => {
    for (let i = 0; i < KAZOO_REQUESTS; i++) seedKazooPort(deps, prng, nextNumber, accounts[i % accounts.length]?.id ?? '', now);
    seedTelnyx(deps, prng, nextNumber, accounts, now);
  })();
}

/**
 * The bill as each version names it: 4.3's schema splits the street (street_number,
 * street_pre_dir, street_address, street_type, street_post_dir); 4.2's has one street line
 * (street_address) plus extended_address, and its docs show the older `address`.
 */
function billOf(version: '4.2' | '4.3', prng: Prng, business: string): Record<string, unknown> {
  const number = String(prng.int(10, 9999));
  const words = prng.pick(STREETS).split(' ');
  const type = words.length > 1 ? words.pop() : undefined;
  const street = words.join(' ');
  const unit = prng.next() < 0.3 ? `Suite ${prng.int(100, 900)}` : undefined;
  if (version === '4.2') {
    const line = [number, street, type].filter(Boolean).join(' ');
    return prng.next() < 0.3 ? { name: business, address: line } : { name: business, street_address: line, ...(unit ? { extended_address: unit } : {}) };
  }
  const dirs = prng.next() < 0.25;
  return {
    name: business,
    street_number: number,
    ...(dirs ? { street_pre_dir: prng.pick(['N', 'S', 'E', 'W']) } : {}),
    street_address: street,
    ...(type ? { street_type: type } : {}),
    ...(dirs && prng.next() < 0.5 ? { street_post_dir: prng.pick(['NE', 'SW']) } : {}),
    ...(unit ? { extended_address: unit } : {}),
  };
}

function seedKazooPort(deps: SeedDeps, prng: Prng, nextNumber: () => string, accountId: string, now: number): void {
  const business = prng.pick(BUSINESSES);
  const person = prng.pick(PEOPLE);
  const [city, region, zip, npa] = prng.pick(PLACES);
  const count = prng.int(1, 4);
  const numbers: string[] = [];
  for (let k = 0; k < count; k++) numbers.push(nextNumber());
  const carrier = carrierOf(numbers[0] as string);
  const path = pickPath(prng);
  const createdMs = now - prng.int(2, 120) * DAY - prng.int(0, 86_399) * 1000;
  const created = toGregorian(createdMs);
  const id = prng.hex(32);
  const doc: Record<string, unknown> = {
    name: `${business} - ${numbers.length} number${numbers.length > 1 ? 's' : ''}`,
    numbers: Object.fromEntries(numbers.map((n) => [n, {}])),
    carrier,
    winning_carrier: 'Northwind Voice',
    reference_number: `NW-${prng.int(100000, 999999)}`,
    signee_name: person,
    signing_date: created,
    bill: billOf(deps.kazoo.profile.version, prng, business),
    pvt_tree: deps.accounts.tree(accountId),
    pvt_port_authority: portAuthorityOf(deps.accounts, accountId),
    sent: false,
    comments: [] as Record<string, unknown>[],
  };
  Object.assign(doc.bill as Record<string, unknown>, {
      locality: city,
      region,
      postal_code: zip,
      account_number: String(prng.int(10_000_000, 99_999_999)),
      pin: String(prng.int(1000, 9999)),
      btn: `+1${npa}5550${prng.int(100, 199)}`,
      carrier,
  });
  doc.notifications = { email: { send_to: `porting@${business.toLowerCase().replace(/[^a-z]+/g, '')}.example` } };
  let at = created;
  const transitions: { at: number; from: string | null; to: string; reason: string | null }[] = [
    { at, from: null, to: 'unconfirmed', reason: null },
  ];
  let state: PortState = 'unconfirmed';
  for (const to of path) {
    at += prng.int(1, 6) * 86_400;
    at = Math.min(at, toGregorian(now));
    const reason = to === 'rejected' ? prng.pick(REJECTION_REASONS) : to === 'canceled' ? 'Customer changed plans' : null;
    if (to === 'scheduled') {
      doc.scheduled_date = at + prng.int(3, 10) * 86_400;
      doc.transfer_date = doc.scheduled_date;
      doc.sent = true;
    }
    if (to === 'rejected') {
      (doc.comments as Record<string, unknown>[]).push({
        content: `Carrier rejected: ${reason}. Please correct and resubmit.`,
        is_private: false,
        action_required: true,
        timestamp: at,
        author: 'Carrier desk',
      });
    }
    transitions.push({ at, from: state, to, reason });
    state = to;
  }
  const rec: PortRecord = { id, accountId, state, rev: transitions.length + 1, created, updated: at, doc };
  deps.kazooStore.save(rec, numbers);
  // The carrier's moves are made by the port authority.
  const authority = String(doc.pvt_port_authority);
  for (const t of transitions) deps.kazooStore.addTransition(id, { ...t, who: t.to === 'unconfirmed' || t.to === 'submitted' ? accountId : authority });
  if (state !== 'unconfirmed' || prng.next() < 0.5) {
    deps.kazooStore.putAttachment(
      id,
      'loa.pdf',
      'application/pdf',
      tinyPdf('Letter of Authorization', [`Customer: ${business}`, `Authorized by: ${person}`, ...numbers]),
    );
    deps.kazooStore.putAttachment(
      id,
      'bill.pdf',
      'application/pdf',
      tinyPdf(`${carrier} - Monthly statement`, [business, `${city}, ${region} ${zip}`, `Account ${(doc.bill as { account_number: string }).account_number}`]),
    );
  }
}

function seedTelnyx(
  deps: SeedDeps,
  prng: Prng,
  nextNumber: () => string,
  accounts: { id: string }[],
  now: number,
): void {
  const statuses: SubRequestDoc['status'][] = ['unassigned', 'in-process', 'submitted', 'foc-date-confirmed', 'ported', 'exception', 'cancelled'];
  for (let i = 0; i < 24; i++) {
    const accountId = accounts[i % accounts.length]?.id ?? '';
    const business = prng.pick(BUSINESSES);
    const [city, region, zip] = prng.pick(PLACES);
    const numbers = [nextNumber(), nextNumber()];
    const loa = {
      ...emptyLoaFields(),
      foc_date_requested_by_user: new Date(now + prng.int(5, 20) * DAY).toISOString(),
      person_or_company_name: business,
      auth_person_name: prng.pick(PEOPLE),
      billing_phone_number: numbers[0] as string,
      street_address: `${prng.int(10, 9999)} ${prng.pick(STREETS)}`,
      locality: city,
      administrative_area: region,
      postal_code: zip,
      country_code: 'US',
      default_connection_id: `conn-${prng.hex(6)}`,
      account_number: String(prng.int(10_000_000, 99_999_999)),
    };
    const status = statuses[i % statuses.length] ?? 'submitted';
    const pr = deps.telnyx.createPortRequest(accountId, [{ loa, numbers, carrier: carrierOf(numbers[0] as string) }], status);
    deps.telnyx.addComment([accountId], pr.id, accountId, `Port for ${business} opened; LOA attached.`, null);
    if (status === 'exception') {
      const sub = deps.telnyx.subRequests(pr.id)[0];
      deps.telnyx.addComment([accountId], pr.id, TELNYX_STAFF_USER, prng.pick(REJECTION_REASONS), sub?.id ?? null);
    }
    deps.telnyx.addDocument([accountId], pr.id, 'loa', 'Signed LOA', tinyPdf('Letter of Authorization', [business, ...numbers]));
  }
  for (let i = 0; i < 6; i++) {
    const accountId = accounts[i % accounts.length]?.id ?? '';
    const portable = (): string => {
      for (let tries = 0; tries < 50; tries++) {
        const n = nextNumber();
        if (carrierAllowsPortOut(n)) return n;
      }
      throw new Error('no portable demo number left');
    };
    deps.telnyx.createDraft(accountId, [{ phone_number: portable() }, { phone_number: portable() }]);
  }
}
