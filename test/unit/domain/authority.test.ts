import { describe, expect, it } from 'vitest';
import { canMoveAs, commentFlagsProblem, commonTargets, mayMove, moveRefusal } from '../../../src/shared/domain/states';

describe('moves a connection may make (Kazoo 4.3 port authority)', () => {
  it('without authority: submit, and cancel only while unconfirmed', () => {
    expect(commonTargets([{ state: 'unconfirmed', remoteAuthority: false }])).toEqual(['submitted', 'canceled']);
    expect(commonTargets([{ state: 'rejected', remoteAuthority: false }])).toEqual(['submitted']);
    expect(commonTargets([{ state: 'submitted', remoteAuthority: false }])).toEqual([]);
    expect(canMoveAs('pending', 'scheduled', false)).toBe(false);
  });

  it('the authority, or a remote that does not say, gets the whole state machine', () => {
    for (const authority of [true, null]) {
      expect(commonTargets([{ state: 'submitted', remoteAuthority: authority }])).toEqual(['pending', 'rejected', 'canceled']);
      expect(mayMove({ state: 'pending', remoteAuthority: authority }, 'scheduled')).toBe(true);
    }
  });

  it('a selection offers only what every port in it may do', () => {
    const mixed = [
      { state: 'unconfirmed' as const, remoteAuthority: true },
      { state: 'unconfirmed' as const, remoteAuthority: false },
    ];
    expect(commonTargets(mixed)).toEqual(['submitted', 'canceled']);
    expect(commonTargets([])).toEqual([]);
  });
});

describe('why a move is refused (what an illegal drop says)', () => {
  const port = (state: 'unconfirmed' | 'submitted' | 'completed', remoteAuthority: boolean | null) => ({ name: 'Harbor fax', state, remoteAuthority });

  it('names the state rule: where the port may go, or that its state is final', () => {
    expect(moveRefusal(port('unconfirmed', null), 'completed')).toBe('Cannot move "Harbor fax" from Unconfirmed to Completed; it can go to Submitted, Canceled');
    expect(moveRefusal(port('completed', true), 'submitted')).toBe('Cannot move "Harbor fax" from Completed to Submitted; Completed is final');
  });

  it("names the remote's rule when the state machine allows the move but this connection may not make it", () => {
    expect(moveRefusal(port('submitted', false), 'pending')).toMatch(/^Cannot move "Harbor fax" to Pending: this connection is not the request's port authority, .*please contact your port authority$/);
    expect(moveRefusal(port('submitted', null), 'pending')).toBeNull();
    expect(moveRefusal(port('unconfirmed', false), 'submitted')).toBeNull();
  });
});

describe('comment flags (Kazoo 4.3 validate_comments)', () => {
  it('private or action-required only from the authority, never both', () => {
    expect(commentFlagsProblem(false, { isPrivate: true, actionRequired: false })).toMatch(/for the port authority/);
    expect(commentFlagsProblem(false, { isPrivate: false, actionRequired: true })).toMatch(/for the port authority/);
    expect(commentFlagsProblem(false, { isPrivate: false, actionRequired: false })).toBeNull();
    expect(commentFlagsProblem(true, { isPrivate: true, actionRequired: false })).toBeNull();
    expect(commentFlagsProblem(null, { isPrivate: true, actionRequired: true })).toMatch(/cannot also be action required/);
  });
});
