import { z } from 'zod';
import { IsoDateSchema, PortStateSchema, type PortState, type PortSummary } from '../model';
import { dueDate, haystack, isoDay, isoDayPlus, needsAttention, readiness } from './portFacts';

/** Relative FOC ranges: stored as words, so a saved "next 7 days" view still means that next week. */
export const FOC_PRESETS = ['overdue', 'today', 'next7', 'next30'] as const;
export const FocPresetSchema = z.enum(FOC_PRESETS).or(z.literal(''));
export type FocPreset = z.infer<typeof FocPresetSchema>;

export const FOC_PRESET_LABELS: Record<(typeof FOC_PRESETS)[number], string> = {
  overdue: 'Overdue',
  today: 'Today',
  next7: 'Next 7 days',
  next30: 'Next 30 days',
};

const DAY = 86_400_000;
const days = z.number().int().min(0).max(3650).nullable();

/** The filters of the board and table, as saved in a view (JSON). */
export const SavedFilterSchema = z.object({
  query: z.string().max(200).default(''),
  states: z.array(PortStateSchema).max(7).default([]),
  focPreset: FocPresetSchema.default(''),
  focFrom: IsoDateSchema.or(z.literal('')).default(''),
  focTo: IsoDateSchema.or(z.literal('')).default(''),
  needsAttention: z.boolean().default(false),
  /** Only drafts that pass every submit check: the review queue before submitting in bulk. */
  readyToSubmit: z.boolean().default(false),
  /** `name:<account name>` or `remote:<sub-account id>`, '' for every account. */
  account: z.string().max(300).default(''),
  /** A local tag the port must carry, '' for any. */
  tag: z.string().max(100).default(''),
  /** Only ports in their state for more than this many days ("stuck"). */
  daysInStateOver: days.default(null),
  /** Only ports that entered their state within this many days ("rejected this week"). */
  enteredWithinDays: days.default(null),
});
export type SavedFilter = z.infer<typeof SavedFilterSchema>;

/** A filter as the window holds it: states as a set, plus the number index's answer for a number query. */
export interface PortFilter extends Omit<SavedFilter, 'states'> {
  states: ReadonlySet<PortState>;
  /** Ports whose numbers contain the digits the query spells, when the query is (part of) a number. */
  numberPortIds?: ReadonlySet<string> | undefined;
}

export const EMPTY_FILTER: SavedFilter = SavedFilterSchema.parse({});

/** Digits-only form of a query that looks like (part of) a telephone number: 3+ digits, phone punctuation only. */
export function numberQuery(query: string): string | null {
  const q = query.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/** The due-date range a filter asks for (a preset wins over the custom range), '' for open ends. */
export function focRange(f: Pick<SavedFilter, 'focPreset' | 'focFrom' | 'focTo'>, today: Date): { from: string; to: string; openOnly: boolean } {
  switch (f.focPreset) {
    case 'overdue':
      return { from: '', to: isoDayPlus(-1, today), openOnly: true };
    case 'today':
      return { from: isoDay(today), to: isoDay(today), openOnly: false };
    case 'next7':
      return { from: isoDay(today), to: isoDayPlus(7, today), openOnly: false };
    case 'next30':
      return { from: isoDay(today), to: isoDayPlus(30, today), openOnly: false };
    default:
      return { from: f.focFrom, to: f.focTo, openOnly: false };
  }
}

/** Whether a port belongs to the account filter value (see SavedFilter.account). */
function inAccount(p: PortSummary, account: string): boolean {
  if (account.startsWith('remote:')) return p.remoteAccountId === account.slice(7);
  return (p.accountName || p.billingName) === account.slice(5);
}

/**
 * The filter as one predicate, with its dates worked out once (a 10,000-port board calls it per
 * keystroke). A number query matches the ports the number index found, plus any text matches
 * (a reference number may look like a phone number).
 */
export function compileFilter(f: PortFilter, now: Date = new Date()): (p: PortSummary) => boolean {
  const q = f.query.trim().toLowerCase();
  const isNumber = numberQuery(f.query) !== null;
  const hasStates = f.states.size > 0;
  const range = focRange(f, now);
  const nowMs = now.getTime();
  return (p) => {
    if (hasStates && !f.states.has(p.state)) return false;
    if (range.from || range.to) {
      const d = dueDate(p)?.date;
      if (!d || (range.from && d < range.from) || (range.to && d > range.to)) return false;
      if (range.openOnly && (p.state === 'completed' || p.state === 'canceled')) return false;
    }
    // Exact durations: "more than 5 days" includes 5 days and an hour, which shows as 5d.
    if (f.daysInStateOver !== null && nowMs - p.stateEnteredAt <= f.daysInStateOver * DAY) return false;
    if (f.enteredWithinDays !== null && nowMs - p.stateEnteredAt >= f.enteredWithinDays * DAY) return false;
    if (f.needsAttention && !needsAttention(p, now)) return false;
    if (f.readyToSubmit && !(p.state === 'unconfirmed' && readiness(p).length === 0)) return false;
    if (f.account && !inAccount(p, f.account)) return false;
    if (f.tag && !p.tags.includes(f.tag)) return false;
    if (q) {
      const textHit = haystack(p).includes(q);
      if (!textHit && !(isNumber && f.numberPortIds?.has(p.id))) return false;
    }
    return true;
  };
}

/** The window's form of a saved filter. */
export function toPortFilter(saved: SavedFilter): PortFilter {
  return { ...saved, states: new Set(saved.states) };
}
