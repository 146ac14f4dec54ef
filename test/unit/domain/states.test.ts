import { describe, expect, it } from 'vitest';
import { PORT_STATES, type PortState } from '../../../src/shared/model';
import { allowedTargets, canTransition, holdsNumbers, isDeletable, isEditable, isFinal } from '../../../src/shared/domain/states';

// The rules of kazoo-behaviour.md written out as a table, independently of the implementation.
const ALLOWED = new Set([
  'unconfirmed>submitted',
  'rejected>submitted',
  'submitted>pending',
  'pending>scheduled',
  'pending>completed',
  'scheduled>completed',
  'rejected>completed',
  'submitted>rejected',
  'pending>rejected',
  'scheduled>rejected',
  'unconfirmed>canceled',
  'submitted>canceled',
  'pending>canceled',
  'scheduled>canceled',
  'rejected>canceled',
]);

describe('port state machine', () => {
  const pairs = PORT_STATES.flatMap((from) => PORT_STATES.map((to) => [from, to] as [PortState, PortState]));

  it.each(pairs)('%s -> %s follows Kazoo', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it('lists allowed targets in board order', () => {
    expect(allowedTargets('unconfirmed')).toEqual(['submitted', 'canceled']);
    expect(allowedTargets('rejected')).toEqual(['submitted', 'completed', 'canceled']);
    expect(allowedTargets('pending')).toEqual(['scheduled', 'completed', 'rejected', 'canceled']);
  });

  it('treats completed and canceled as final and nothing returns to unconfirmed', () => {
    expect(PORT_STATES.filter(isFinal)).toEqual(['completed', 'canceled']);
    expect(PORT_STATES.some((s) => canTransition(s, 'unconfirmed'))).toBe(false);
  });

  it('edits only unconfirmed or rejected, deletes also canceled', () => {
    expect(PORT_STATES.filter(isEditable)).toEqual(['unconfirmed', 'rejected']);
    expect(PORT_STATES.filter(isDeletable)).toEqual(['unconfirmed', 'rejected', 'canceled']);
  });

  it('holds numbers while the port is open', () => {
    expect(PORT_STATES.filter((s) => !holdsNumbers(s))).toEqual(['completed', 'canceled']);
  });
});
