import { stateLabel } from '../../shared/domain/states';
import type { PortFields, PortState, TimelineEvent } from '../../shared/model';
import type { Repos } from '../db/repos';
import type { LocalSnapshot, RemotePort } from './adapters/types';
import type { MergeResult } from './merge';

/** Every remote change, as a merge result (a port with nothing queued takes the remote as is). */
export function takeAll(keys: readonly (keyof PortFields)[], local: LocalSnapshot, remote: RemotePort): MergeResult {
  const take = Object.fromEntries(keys.filter((k) => JSON.stringify(remote.fields[k]) !== JSON.stringify(local.fields[k])).map((k) => [k, remote.fields[k]])) as Partial<PortFields>;
  const numbersDiffer = [...remote.numbers].sort().join() !== [...local.numbers].sort().join();
  return { take, takeNumbers: numbersDiffer ? remote.numbers : null, takeState: remote.state !== local.state ? remote.state : null, conflicts: [] };
}

/**
 * Write what a merge takes from the remote into the local port, with timeline entries by the
 * remote (inside the caller's transaction). `addNumber` decides whether a number opens (pull keeps
 * a number another port holds open closed rather than refusing it).
 */
export function takeRemote(
  repos: Repos,
  local: LocalSnapshot,
  remote: RemotePort,
  m: MergeResult,
  now: number,
  addNumber: (portId: string, e164: string, state: PortState) => void,
): boolean {
  const portId = local.localId;
  const event = (kind: TimelineEvent['kind'], message: string, fromState: PortState | null = null, toState: PortState | null = null): void =>
    repos.events.add({ portId, at: now, kind, fromState, toState, message, actor: 'remote' });
  const fields = Object.keys(m.take);
  if (fields.length > 0) {
    repos.ports.writeFields(portId, m.take, now);
    event('edited', `Changed on the remote: ${fields.join(', ')}`);
  }
  if (m.takeNumbers) {
    const have = new Set(local.numbers);
    const want = new Set(m.takeNumbers);
    const added = m.takeNumbers.filter((n) => !have.has(n));
    const gone = local.numbers.filter((n) => !want.has(n));
    for (const n of gone) repos.numbers.remove(portId, n);
    for (const n of added) addNumber(portId, n, m.takeState ?? local.state);
    if (added.length + gone.length > 0) event('numbers', `Numbers changed on the remote: ${added.length} added, ${gone.length} removed`);
  }
  if (m.takeState) {
    repos.ports.setPulledState(portId, m.takeState, remote.stateReason ?? null, now);
    const reason = remote.stateReason ? `: ${remote.stateReason}` : '';
    event('state', `Moved to ${stateLabel(m.takeState)} on the remote${reason}`, local.state, m.takeState);
  }
  return fields.length > 0 || m.takeNumbers !== null || m.takeState !== null;
}

/** The remote port as a stored version (the new merge base). */
export function versionOf(remote: RemotePort): { fields: PortFields; numbers: string[]; state: PortState } {
  return { fields: remote.fields, numbers: remote.numbers, state: remote.state };
}
