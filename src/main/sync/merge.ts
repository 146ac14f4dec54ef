import type { PortFields, PortState } from '../../shared/model';
import type { Repos } from '../db/repos';

/** One version of a port as the merge sees it. */
export interface PortVersion {
  fields: PortFields;
  numbers: string[];
  state: PortState;
}

export interface MergeResult {
  /** Fields changed only remotely: the local port takes them. */
  take: Partial<PortFields>;
  /** The remote's numbers, when only the remote changed them. */
  takeNumbers: string[] | null;
  /** The remote's state, when only the remote moved the port. */
  takeState: PortState | null;
  /** Keys changed on both sides to different values: a conflict for the specialist. */
  conflicts: (keyof PortFields | 'numbers')[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
/** A number set as one comparable key: sorted, comma-joined. */
export const numberKey = (numbers: readonly string[]): string => [...numbers].sort().join(',');

/**
 * Three-way merge of a local port with its remote copy, field by field, against `base` (the
 * version both last agreed on). Per key: equal on both sides -> nothing; the remote still says
 * the base, or says what PortDesk itself sent (`sent`: its own write read back, its answer lost)
 * -> keep the local value (queued); only the remote changed it -> take it; both changed it to
 * different values -> conflict. Without a base (a port linked before bases were kept) any
 * difference that is not PortDesk's own echo is a conflict, as before.
 *
 * The state never conflicts: a remote move is taken when the local state is still the base's;
 * otherwise the queued local move goes on and the server decides.
 */
export function threeWayMerge(keys: readonly (keyof PortFields)[], base: PortVersion | null, sent: readonly PortVersion[], local: PortVersion, remote: PortVersion): MergeResult {
  const result: MergeResult = { take: {}, takeNumbers: null, takeState: null, conflicts: [] };
  const decide = (r: unknown, l: unknown, b: unknown, echoes: unknown[]): 'same' | 'keep' | 'take' | 'conflict' => {
    if (same(r, l)) return 'same';
    if ((base !== null && same(r, b)) || echoes.some((e) => same(r, e))) return 'keep';
    if (base !== null && same(l, b)) return 'take';
    return 'conflict';
  };
  for (const k of keys) {
    const d = decide(remote.fields[k], local.fields[k], base?.fields[k], sent.map((s) => s.fields[k]));
    if (d === 'take') Object.assign(result.take, { [k]: remote.fields[k] });
    else if (d === 'conflict') result.conflicts.push(k);
  }
  const numbers = decide(numberKey(remote.numbers), numberKey(local.numbers), base && numberKey(base.numbers), sent.map((s) => numberKey(s.numbers)));
  if (numbers === 'take') result.takeNumbers = remote.numbers;
  else if (numbers === 'conflict') result.conflicts.push('numbers');
  if (remote.state !== local.state && base !== null && local.state === base.state) result.takeState = remote.state;
  return result;
}

/** True when the merge changes nothing locally and finds no conflict. */
export function mergeIsEmpty(m: MergeResult): boolean {
  return Object.keys(m.take).length === 0 && m.takeNumbers === null && m.takeState === null && m.conflicts.length === 0;
}

/** The base and sent versions of a port, as {@link threeWayMerge} takes them. */
export function mergeInputs(repos: Repos, portId: string): [PortVersion | null, PortVersion[]] {
  const { base, sent } = repos.ports.mergeBase(portId);
  return [base, sent];
}
