/** Kazoo port request states. */
export const PORT_STATES = ['unconfirmed', 'submitted', 'pending', 'scheduled', 'completed', 'rejected', 'canceled'] as const;
export type PortState = (typeof PORT_STATES)[number];

/**
 * Target state <- the states it may be reached from (kazoo-behaviour.md). Deliberately written
 * again rather than imported from src/shared/domain: the sandbox plays the remote service, and a
 * mistake in the app's own state machine must show up as a disagreement with it, not be copied.
 */
const ALLOWED_SOURCES: Record<PortState, readonly PortState[]> = {
  unconfirmed: [],
  submitted: ['unconfirmed', 'rejected'],
  pending: ['submitted'],
  scheduled: ['pending'],
  completed: ['pending', 'scheduled', 'rejected'],
  rejected: ['submitted', 'pending', 'scheduled'],
  canceled: ['unconfirmed', 'submitted', 'pending', 'scheduled', 'rejected'],
};

/** States in which a request may be edited (POST). */
export const EDITABLE_STATES: readonly PortState[] = ['unconfirmed', 'rejected'];
/** States in which a request (and its attachments) may be deleted. */
export const DELETABLE_STATES: readonly PortState[] = ['unconfirmed', 'rejected', 'canceled'];
/** States whose numbers no other request may claim; unconfirmed drafts do not reserve numbers. */
export const RESERVING_STATES: readonly PortState[] = ['submitted', 'pending', 'scheduled', 'rejected'];

export function isPortState(s: string): s is PortState {
  return (PORT_STATES as readonly string[]).includes(s);
}

/**
 * Whether `from -> to` is a legal move. Kazoo can be configured to allow submitted -> scheduled;
 * the default (and the sandbox) does not.
 */
export function canMove(from: PortState, to: PortState, options: { submittedToScheduled?: boolean } = {}): boolean {
  if (to === 'scheduled' && from === 'submitted') return options.submittedToScheduled === true;
  return ALLOWED_SOURCES[to].includes(from);
}
