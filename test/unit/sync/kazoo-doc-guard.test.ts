import { describe, expect, it } from 'vitest';
import { KAZOO_COMMENT_MARKER, KAZOO_MARKER_FIELD, KazooDocSchema, plainKazooDoc } from '../../../src/main/sync/adapters/kazoo';

/**
 * plainKazooDoc is the pull's fast path in front of KazooDocSchema: whatever it claims, zod must
 * accept and turn into exactly the same value (keys, their order, prototypes, `numbers` the same
 * object); whatever zod rejects it must leave to zod.
 */

/** The first difference between two values, as a path, or null: keys in order, prototypes, Object.is on leaves. */
function difference(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys [${ka.map(String).join(',')}] vs [${kb.map(String).join(',')}]`;
  for (const k of ka) {
    const d = difference((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k], `${path}.${String(k)}`);
    if (d) return d;
  }
  return null;
}

/** Runs the guard and zod on `doc`; fails the test if the guard claims what zod would not give identically. True when the guard claimed it. */
function agrees(doc: unknown, label: string): boolean {
  const plain = plainKazooDoc(doc);
  const zod = KazooDocSchema.safeParse(doc);
  if (plain === undefined) return false;
  expect(zod.success, `${label}: the guard accepted what zod rejects`).toBe(true);
  expect(difference(plain, zod.data), label).toBeNull();
  // `numbers` is kept as the listing's own object (zod's custom check returns its input).
  expect(plain.numbers, label).toBe(zod.data?.numbers);
  return true;
}

/** As a 4.3 listing sends it (the sync bench's sandbox). */
const LISTED = {
  name: 'Seeded 43',
  numbers: { '+12025650086': {}, '+12025650087': {} },
  bill: { name: 'Customer 43', locality: 'Springfield' },
  sent: false,
  comments: [],
  created: 63963435276,
  id: '001bbc5f8ba6929deff54acdf6530949',
  port_state: 'unconfirmed',
  updated: 63963435276,
  uploads: {},
  _read_only: { account_id: 'acc1', account_name: 'Northwind Voice Reseller', port_authority: 'acc1', port_authority_name: 'Northwind Voice Reseller' },
  account_id: 'acc1',
};

/** Every field the schema reads, set, in an order other than the schema's, with keys it does not read. */
const FULL = {
  comments: [
    { content: 'First', is_private: false, action_required: true, timestamp: 63963435276, author: 'Pat', [KAZOO_COMMENT_MARKER]: 'c1', extra: 1 },
    { timestamp: 0, content: '', action_required: false, is_private: true },
  ],
  uploads: { 'loa.pdf': { content_type: 'application/pdf', length: 1234, id: 'x' }, 'bill.pdf': { length: 0, content_type: '' } },
  _read_only: { port_authority: 'acc0', account_name: 'unknown', account_id: 'acc2' },
  [KAZOO_MARKER_FIELD]: 'local-1',
  notifications: { email: { send_to: ['a@example.com', 'b@example.com'], other: true }, sms: {} },
  bill: {
    carrier: 'Old Co', btn: '+12025550100', pin: '1234', account_number: 'A-1', country: 'US', postal_code: '62701', region: 'IL', locality: 'Springfield',
    extended_address: 'Suite 2', address: '1 Main St', street_post_dir: 'NW', street_type: 'St', street_address: 'Main', street_pre_dir: 'N', street_number: '1', name: 'Customer', unread: [1],
  },
  scheduled_date: 63963435276.5,
  transfer_date: 63963435276,
  customer_reference: 'cr',
  reference_number: 'rn',
  signee_name: 'Pat Doe',
  account_name: 'Acme',
  winning_carrier: 'New Co',
  carrier: 'Old Co',
  numbers: { '+12025550100': { used_by: 'x' } },
  port_state: 'scheduled',
  name: 'Full',
  account_id: 'acc2',
  id: 'full-1',
  pvt_type: 'port_request',
};

const MINIMAL = { id: 'm', name: '', port_state: 'unconfirmed', numbers: {} };

/** Every nullish field null. */
const NULLS = {
  ...MINIMAL,
  carrier: null, winning_carrier: null, account_name: null, signee_name: null, reference_number: null, customer_reference: null,
  transfer_date: null, scheduled_date: null, bill: null, [KAZOO_MARKER_FIELD]: null,
  _read_only: { account_id: null, account_name: null, port_authority: null },
  comments: [{ content: 'c', is_private: false, action_required: false, timestamp: 1, author: null, [KAZOO_COMMENT_MARKER]: null }],
};

const ABSENT = Symbol('absent');
class Instance {
  name = 'x';
}
/** Each value is tried at each path: right and wrong types, JSON's and others. */
const VALUES: unknown[] = [
  ABSENT, undefined, null, '', 'x', 'completed', 'Completed', '__proto__', 0, -0, 1.5, 63963435276, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, true, false,
  1n, [], ['a@example.com'], [1], [null], [{}], [{ content: 'c', is_private: false, action_required: false, timestamp: 1 }], {}, { a: 1 }, { name: 'n' },
  { content_type: 'text/plain', length: 3 }, { email: {} }, { email: { send_to: 'a@example.com' } }, { email: null }, { email: { send_to: null } },
  Object.create(null), new Date(0), new Instance(), JSON.parse('{"__proto__": {"polluted": true}, "name": "p"}'), () => 'f',
];

const BILL_KEYS = Object.keys(KazooDocSchema.shape.bill.unwrap().unwrap().shape);
const PATHS: string[][] = [
  ...Object.keys(KazooDocSchema.shape).map((k) => [k]),
  ['pvt_type'], ['__proto__'], ['constructor'],
  ...BILL_KEYS.map((k) => ['bill', k]), ['bill', '__proto__'],
  ['notifications', 'email'], ['notifications', 'email', 'send_to'], ['notifications', 'email', 'send_to', '0'], ['notifications', 'email', 'send_to', '1'],
  ...['account_id', 'account_name', 'port_authority', 'extra'].map((k) => ['_read_only', k]),
  ['uploads', 'loa.pdf'], ['uploads', 'loa.pdf', 'content_type'], ['uploads', 'loa.pdf', 'length'], ['uploads', '__proto__'], ['uploads', 'constructor'],
  ['comments', '0'], ['comments', '2'], ...['content', 'is_private', 'action_required', 'timestamp', 'author', KAZOO_COMMENT_MARKER, '__proto__'].map((k) => ['comments', '0', k]),
  ['numbers', '+12025550100'],
];

/** A copy of the plain objects and arrays in `v`, own keys only (`__proto__` included), other values shared. */
function copied(v: unknown): unknown {
  if (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype) return v.map(copied);
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out = {};
  for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: copied((v as Record<string, unknown>)[k]), enumerable: true, configurable: true, writable: true });
  return out;
}

/** A copy of `base` with `value` at `path` (ABSENT deletes it), made through own-property definitions so `__proto__` is a key, not a prototype. */
function withValue(base: unknown, path: string[], value: unknown): unknown {
  const copy = copied(base);
  let at = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) return undefined;
    at = next as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  if (Array.isArray(at) && !/^\d+$/.test(last)) return undefined;
  if (value === ABSENT) delete at[last];
  else Object.defineProperty(at, last, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

describe('plainKazooDoc (fast path for KazooDocSchema)', () => {
  it('claims documents in the listing shape and gives what zod gives', () => {
    for (const [label, doc] of Object.entries({ LISTED, FULL, MINIMAL, NULLS })) {
      expect(agrees(doc, label), label).toBe(true);
      expect(agrees(JSON.parse(JSON.stringify(doc)), `${label} via JSON`), label).toBe(true);
    }
  });

  it('claims comments as Kazoo writes them, without their optional flags (comment.json requires author, content, timestamp)', () => {
    const doc = { ...LISTED, comments: [{ author: 'Pat', content: 'LOA attached', timestamp: 63963435276 }, { author: 'Sam', content: 'FOC?', timestamp: 63963435277, action_required: true }] };
    expect(agrees(doc, 'comments without flags')).toBe(true);
    expect(plainKazooDoc(doc)?.comments).toEqual([
      { content: 'LOA attached', is_private: false, action_required: false, timestamp: 63963435276, author: 'Pat' },
      { content: 'FOC?', is_private: false, action_required: true, timestamp: 63963435277, author: 'Sam' },
    ]);
  });

  it('every schema field is covered by the paths tried', () => {
    expect(Object.keys(KazooDocSchema.shape)).toHaveLength(19);
    expect(BILL_KEYS).toHaveLength(16);
    // The nested objects too: a key added to the schema and not to the guard would be dropped on its fast path.
    const shape = KazooDocSchema.shape;
    expect(Object.keys(shape._read_only.unwrap().unwrap().shape)).toEqual(['account_id', 'account_name', 'port_authority']);
    expect(Object.keys(shape.uploads.unwrap().unwrap().valueType.shape)).toEqual(['content_type', 'length']);
    expect(Object.keys(shape.comments.unwrap().unwrap().element.shape)).toEqual(['content', 'is_private', 'action_required', 'timestamp', 'author', KAZOO_COMMENT_MARKER]);
    expect(Object.keys(shape.notifications.unwrap().unwrap().shape)).toEqual(['email']);
    expect(Object.keys(shape.notifications.unwrap().unwrap().shape.email.unwrap().shape)).toEqual(['send_to']);
    for (const key of Object.keys(KazooDocSchema.shape)) expect(Object.keys(FULL), key).toContain(key);
  });

  it('each field wrong in each way: the guard claims only what zod turns into the same value', () => {
    let tried = 0;
    let claimed = 0;
    for (const [name, base] of Object.entries({ LISTED, FULL, MINIMAL, NULLS })) {
      for (const path of PATHS) {
        for (const [i, value] of VALUES.entries()) {
          const doc = withValue(base, path, value);
          if (doc === undefined) continue;
          tried += 1;
          if (agrees(doc, `${name} ${path.join('.')} = VALUES[${i}]`)) claimed += 1;
        }
      }
    }
    // Not vacuous: most documents with one wrong value are left to zod, many right ones are claimed.
    expect(tried).toBeGreaterThan(5_000);
    expect(claimed).toBeGreaterThan(tried / 10);
    expect(claimed).toBeLessThan(tried / 2);
  });

  it('random documents, several fields changed at once', () => {
    let seed = 19;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    let claimed = 0;
    for (let i = 0; i < 3_000; i += 1) {
      let doc: unknown = random() < 0.5 ? FULL : LISTED;
      for (const path of PATHS) {
        if (random() < 0.08) doc = withValue(doc, path, VALUES[Math.floor(random() * VALUES.length)]) ?? doc;
      }
      if (agrees(doc, `random ${i}`)) claimed += 1;
      try {
        if (agrees(JSON.parse(JSON.stringify(doc)), `random ${i} via JSON`)) claimed += 1;
      } catch {
        // a bigint does not survive JSON
      }
    }
    expect(claimed).toBeGreaterThan(100);
  });

  it('hostile keys: __proto__, constructor, prototype pollution', () => {
    const hostile = [
      '{"__proto__": {"name": "x"}, "id": "h", "name": "h", "port_state": "unconfirmed", "numbers": {}}',
      '{"id": "h", "name": "h", "port_state": "unconfirmed", "numbers": {"__proto__": {}}, "bill": {"__proto__": {"name": "p"}, "constructor": "c"}}',
      '{"id": "h", "name": "h", "port_state": "unconfirmed", "numbers": {}, "uploads": {"__proto__": {"content_type": "a", "length": 1}, "b": {"content_type": "a", "length": 1}}}',
      '{"id": "h", "name": "h", "port_state": "unconfirmed", "numbers": {}, "comments": [{"__proto__": {"content": "x"}, "content": "c", "is_private": false, "action_required": false, "timestamp": 1}]}',
      '{"id": "h", "name": "h", "port_state": "constructor", "numbers": {}}',
      '{"id": "h", "name": "h", "port_state": "toString", "numbers": {}}',
      '{"id": "h", "name": "h", "port_state": "unconfirmed", "numbers": {}, "notifications": {"__proto__": {"email": {}}, "email": {"send_to": ["a"]}}}',
    ];
    for (const text of hostile) agrees(JSON.parse(text), text);
    expect(agrees(JSON.parse(hostile[1] as string), 'bill __proto__')).toBe(true);
    // Keys inherited from a polluted Object.prototype are read by zod (`key in input`): the guard must read them the same way.
    const proto = Object.prototype as Record<string, unknown>;
    for (const [key, value] of [['carrier', 'polluted'], ['bill', { name: 'polluted' }], ['comments', []], ['transfer_date', 5], ['uploads', {}]] as const) {
      proto[key] = value;
      try {
        for (const [name, base] of Object.entries({ LISTED, MINIMAL })) agrees(JSON.parse(JSON.stringify(base)), `${name} with Object.prototype.${key}`);
      } finally {
        delete proto[key];
      }
    }
  });
});
