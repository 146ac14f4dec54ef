import { PORT_STATES, type PortState } from '../model';

/**
 * Allowed moves, target <- sources, as Kazoo enforces them (kazoo-behaviour.md). `scheduled`
 * from `submitted` is a server option that is off by default, so it is not allowed here either.
 */
const SOURCES: Record<PortState, readonly PortState[]> = {
  unconfirmed: [],
  submitted: ['unconfirmed', 'rejected'],
  pending: ['submitted'],
  scheduled: ['pending'],
  completed: ['pending', 'scheduled', 'rejected'],
  rejected: ['submitted', 'pending', 'scheduled'],
  canceled: ['unconfirmed', 'submitted', 'pending', 'scheduled', 'rejected'],
};

/** True when a port in `from` may be moved to `to`. Moving to the same state is not a move. */
export function canTransition(from: PortState, to: PortState): boolean {
  return SOURCES[to].includes(from);
}

/** The states a port in `from` may be moved to, in board order. */
export function allowedTargets(from: PortState): PortState[] {
  return PORT_STATES.filter((to) => canTransition(from, to));
}

/** Final states: nothing leaves them. */
export function isFinal(state: PortState): boolean {
  return allowedTargets(state).length === 0;
}

/**
 * States in which a port holds its numbers: a number may be on at most one such port.
 * Unconfirmed drafts count locally too, so a specialist never drafts the same number twice.
 */
export function holdsNumbers(state: PortState): boolean {
  return state !== 'completed' && state !== 'canceled';
}

/** Kazoo lets a request be edited (fields and numbers) only while unconfirmed or rejected. */
export function isEditable(state: PortState): boolean {
  return state === 'unconfirmed' || state === 'rejected';
}

/** Kazoo lets a request (and its attachments) be deleted only while unconfirmed, rejected or canceled. */
export function isDeletable(state: PortState): boolean {
  return state === 'unconfirmed' || state === 'rejected' || state === 'canceled';
}

/** Human label of a state for menus and messages. */
export function stateLabel(state: PortState): string {
  return state.charAt(0).toUpperCase() + state.slice(1);
}
