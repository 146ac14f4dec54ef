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

/** What Kazoo 4.3 answers a move the connection may not make (knm_port_request:is_user_allowed_to_move_state). */
export const NOT_PORT_AUTHORITY =
  "you're not allowed to change to new state from current state, please contact your port authority";

/**
 * Whether this connection may make the move on the remote. `authority` false (Kazoo 4.3: the
 * connection is not the request's port authority) leaves only submitting, and canceling while
 * unconfirmed; true or unknown (null) leaves the state machine alone.
 */
export function canMoveAs(from: PortState, to: PortState, authority: boolean | null): boolean {
  if (!canTransition(from, to)) return false;
  if (authority !== false) return true;
  return to === 'submitted' || (to === 'canceled' && from === 'unconfirmed');
}

/** {@link canMoveAs} for a port as the board holds it. */
export function mayMove(port: { state: PortState; remoteAuthority: boolean | null }, to: PortState): boolean {
  return canMoveAs(port.state, to, port.remoteAuthority);
}

/** The states every one of `ports` may be moved to by this connection, in board order (drop targets, Move to…). */
export function commonTargets(ports: readonly { state: PortState; remoteAuthority: boolean | null }[]): PortState[] {
  return ports.length === 0 ? [] : PORT_STATES.filter((to) => ports.every((p) => mayMove(p, to)));
}

/**
 * Why a comment's flags would be refused, or null (Kazoo 4.3 cb_port_requests:validate_comments):
 * private and action-required comments are for the port authority, and never both at once.
 */
export function commentFlagsProblem(authority: boolean | null, flags: { isPrivate: boolean; actionRequired: boolean }): string | null {
  if (authority === false && (flags.isPrivate || flags.actionRequired)) return 'Private and action-required comments are for the port authority';
  if (flags.isPrivate && flags.actionRequired) return 'A private comment cannot also be action required';
  return null;
}

/**
 * Why this connection may not move the port to `to`, in words to act on (the state rule, or the
 * remote's), or null when it may: what ports.move refuses with and what an illegal drop says.
 */
export function moveRefusal(port: { name: string; state: PortState; remoteAuthority: boolean | null }, to: PortState): string | null {
  if (!canTransition(port.state, to)) {
    const allowed = allowedTargets(port.state).map(stateLabel);
    return `Cannot move "${port.name}" from ${stateLabel(port.state)} to ${stateLabel(to)}` + (allowed.length ? `; it can go to ${allowed.join(', ')}` : `; ${stateLabel(port.state)} is final`);
  }
  if (!canMoveAs(port.state, to, port.remoteAuthority)) {
    return `Cannot move "${port.name}" to ${stateLabel(to)}: this connection is not the request's port authority, and the remote says ${NOT_PORT_AUTHORITY}`;
  }
  return null;
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
