import { describe, expect, it } from 'vitest';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../../src/shared/model';
import { threeWayMerge, type PortVersion } from '../../../src/main/sync/merge';

const KEYS = ['name', 'locality', 'billingName'] as const satisfies readonly (keyof PortFields)[];
const v = (fields: Partial<PortFields>, numbers = ['+12025550143'], state: PortVersion['state'] = 'unconfirmed'): PortVersion => ({
  fields: { ...EMPTY_PORT_FIELDS, name: 'Base', locality: 'Base town', ...fields },
  numbers,
  state,
});

describe('three-way merge', () => {
  const base = v({});

  it('takes a field changed only remotely and keeps one changed only locally', () => {
    const m = threeWayMerge(KEYS, base, [], v({ billingName: 'Local Co' }), v({ name: 'Renamed remotely' }));
    expect(m).toEqual({ take: { name: 'Renamed remotely' }, takeNumbers: null, takeState: null, conflicts: [] });
  });

  it('calls a field changed on both sides to different values a conflict, and equal values agreement', () => {
    expect(threeWayMerge(KEYS, base, [], v({ locality: 'Here' }), v({ locality: 'There' })).conflicts).toEqual(['locality']);
    expect(threeWayMerge(KEYS, base, [], v({ locality: 'Same' }), v({ locality: 'Same' })).conflicts).toEqual([]);
  });

  it("never takes PortDesk's own write read back for a remote change, even after a second local edit", () => {
    const sent = [v({ locality: 'First edit' })];
    const m = threeWayMerge(KEYS, base, sent, v({ locality: 'Second edit' }), v({ locality: 'First edit' }));
    expect(m.conflicts).toEqual([]);
    expect(m.take).toEqual({});
  });

  it('merges number sets as a whole, order aside', () => {
    const nums = ['+12025550143', '+12025550176'];
    expect(threeWayMerge(KEYS, v({}, nums), [], v({}, nums), v({}, [...nums, '+12025550199'])).takeNumbers).toEqual([...nums, '+12025550199']);
    expect(threeWayMerge(KEYS, v({}, nums), [], v({}, [nums[0] as string]), v({}, [...nums].reverse())).takeNumbers).toBeNull();
    expect(threeWayMerge(KEYS, v({}, nums), [], v({}, [nums[0] as string]), v({}, [nums[1] as string])).conflicts).toEqual(['numbers']);
  });

  it('takes a remote move only while the local state is still the base state', () => {
    expect(threeWayMerge(KEYS, base, [], v({}), v({}, undefined, 'submitted')).takeState).toBe('submitted');
    expect(threeWayMerge(KEYS, base, [], v({}, undefined, 'canceled'), v({}, undefined, 'submitted')).takeState).toBeNull();
  });

  it('without a base, any difference that is not an echo is a conflict', () => {
    expect(threeWayMerge(KEYS, null, [], v({ billingName: 'Local Co' }), v({})).conflicts).toEqual(['billingName']);
    expect(threeWayMerge(KEYS, null, [v({ billingName: 'Sent' })], v({ billingName: 'Local Co' }), v({ billingName: 'Sent' })).conflicts).toEqual([]);
  });
});
