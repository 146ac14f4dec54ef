import { PORT_STATES, type PortState } from '../model';
import { canTransition } from './states';

/**
 * The states a port passes through, after `from`, on the shortest path of allowed moves to `to`:
 * unconfirmed -> completed is [submitted, pending, completed]. Used to bring a remote copy created
 * as unconfirmed up to the state the port already has locally. Empty when `from` is `to`; null
 * when `to` cannot be reached.
 */
export function movePath(from: PortState, to: PortState): PortState[] | null {
  // Breadth first over the seven states: the first time `to` is reached is a shortest path.
  const cameFrom = new Map<PortState, PortState | null>([[from, null]]);
  const queue: PortState[] = [from];
  for (let i = 0; i < queue.length; i += 1) {
    const state = queue[i] as PortState;
    if (state === to) {
      const path: PortState[] = [];
      for (let s: PortState | null = to; s !== null && s !== from; s = cameFrom.get(s) ?? null) path.unshift(s);
      return path;
    }
    for (const next of PORT_STATES) {
      if (!cameFrom.has(next) && canTransition(state, next)) {
        cameFrom.set(next, state);
        queue.push(next);
      }
    }
  }
  return null;
}
