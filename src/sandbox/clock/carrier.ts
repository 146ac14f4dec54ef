import type { Db } from '../store/db';
import { getMeta, setMeta } from '../store/db';
import type { KazooPortStore } from '../store/kazooPorts';
import type { TelnyxObjectStore } from '../store/telnyxObjects';
import type { KazooPorts } from '../kazoo/ports';
import type { TelnyxPorting } from '../telnyx/service';
import type { SubRequestDoc } from '../telnyx/model';
import { createPrng, hash32 } from '../util/prng';
import { toGregorian } from '../util/time';

/** Reasons a losing carrier gives when it rejects a port. */
export const REJECTION_REASONS = [
  'End user name mismatch',
  'Service address mismatch',
  'Invalid or missing PIN/passcode',
  'BTN mismatch',
  'Carrier freeze on account',
  'Number not portable',
] as const;

export interface TickOptions {
  /** Only these ids (Kazoo port ids or Telnyx sub request ids); every one of them moves. */
  ids?: string[];
  /** With ids: move them forward (default) or reject them. */
  outcome?: 'advance' | 'reject';
}

export interface CarrierMove {
  family: 'kazoo' | 'telnyx';
  id: string;
  from: string;
  to: string;
  reason: string | null;
}

export interface CarrierDeps {
  db: Db;
  kazooStore: KazooPortStore;
  kazoo: KazooPorts;
  telnyxStore: TelnyxObjectStore;
  telnyx: TelnyxPorting;
  now: () => number;
  seed: number;
}

const KAZOO_NEXT: Record<string, string> = { submitted: 'pending', pending: 'scheduled', scheduled: 'completed' };
const TELNYX_NEXT: Record<string, SubRequestDoc['status']> = {
  unassigned: 'in-process',
  'in-process': 'submitted',
  submitted: 'foc-date-confirmed',
  'foc-date-confirmed': 'ported',
  'cancel-pending': 'cancelled',
};
const DAY = 86_400_000;

/**
 * One step of the simulated losing carrier. Without ids, a seeded share of in-flight requests
 * moves on (sometimes rejected); the tick counter is persisted so runs are reproducible.
 */
export function carrierTick(deps: CarrierDeps, opts: TickOptions = {}): CarrierMove[] {
  return deps.db.transaction(() => {
    const tickNo = Number(getMeta(deps.db, 'carrier_ticks') ?? '0') + 1;
    setMeta(deps.db, 'carrier_ticks', String(tickNo));
    const prng = createPrng(hash32(`${deps.seed}:${tickNo}`));
    const only = opts.ids ? new Set(opts.ids) : undefined;
    const decide = (): 'stay' | 'advance' | 'reject' => {
      if (only) return opts.outcome ?? 'advance';
      const r = prng.next();
      return r < 0.04 ? 'reject' : r < 0.35 ? 'advance' : 'stay';
    };
    const moves: CarrierMove[] = [];

    for (const rec of deps.kazooStore.list(allAccountIds(deps.db), ['submitted', 'pending', 'scheduled'])) {
      if (only && !only.has(rec.id)) continue;
      const what = decide();
      if (what === 'stay') continue;
      const to = what === 'reject' ? 'rejected' : (KAZOO_NEXT[rec.state] as string);
      const reason = what === 'reject' ? prng.pick(REJECTION_REASONS) : null;
      const data: Record<string, unknown> = {};
      if (reason) data.reason = reason;
      if (to === 'scheduled') data.scheduled_date = toGregorian(deps.now() + prng.int(3, 10) * DAY);
      deps.kazoo.move(rec, to, { data, who: 'carrier', skipCharges: true });
      moves.push({ family: 'kazoo', id: rec.id, from: rec.state, to, reason });
    }

    for (const rec of deps.telnyxStore.list<SubRequestDoc>('sub_request')) {
      if (only && !only.has(rec.id)) continue;
      const next = TELNYX_NEXT[rec.doc.status];
      if (!next) continue;
      const what = decide();
      if (what === 'stay') continue;
      const from = rec.doc.status;
      const reason = what === 'reject' && from !== 'cancel-pending' ? prng.pick(REJECTION_REASONS) : null;
      const focDate = next === 'foc-date-confirmed' && !rec.doc.foc_date_requested_by_user ? new Date(deps.now() + prng.int(3, 10) * DAY).toISOString() : undefined;
      const saved = deps.telnyx.setSubStatus(rec, reason ? 'exception' : next, { text: reason ?? undefined, focDate });
      moves.push({ family: 'telnyx', id: rec.id, from, to: saved.status, reason });
    }
    return moves;
  })();
}

function allAccountIds(db: Db): string[] {
  return (db.prepare('SELECT id FROM accounts').all() as { id: string }[]).map((r) => r.id);
}
