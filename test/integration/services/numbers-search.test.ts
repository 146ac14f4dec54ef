import { describe, expect, it } from 'vitest';
import { testContext } from '../../support/context';

describe('numbers.search: partial-number search', () => {
  it('finds every port holding a number that contains the digits, once each', async () => {
    const ctx = testContext();
    const a = ctx.ports.create({ fields: { name: 'A' }, numbers: ['+1 202 555 0142', '+1 202 555 0143'] });
    const b = ctx.ports.create({ fields: { name: 'B' }, numbers: ['(303) 555-0199'] });
    ctx.ports.create({ fields: { name: 'C' }, numbers: ['+1 512 777 1234'] });
    const search = async (digits: string) => {
      const r = await ctx.router.call('numbers.search', { digits });
      if (!r.ok) throw new Error(r.error.message);
      return [...(r.value as { portIds: string[] }).portIds].sort();
    };
    expect(await search('55501')).toEqual([a.id, b.id].sort());
    expect(await search('5550142')).toEqual([a.id]);
    expect(await search('12025550143')).toEqual([a.id]);
    expect(await search('999')).toEqual([]);
  });

  it('says which number matched on each port (the lowest when several do)', async () => {
    const ctx = testContext();
    const a = ctx.ports.create({ fields: { name: 'A' }, numbers: ['+1 202 555 0143', '+1 202 555 0142', '+1 202 555 0900'] });
    const b = ctx.ports.create({ fields: { name: 'B' }, numbers: ['+1 303 555 0100', '(303) 555-0149'] });
    const r = await ctx.router.call('numbers.search', { digits: '555014' });
    if (!r.ok) throw new Error(r.error.message);
    const matches = (r.value as { matches: { portId: string; e164: string }[] }).matches;
    expect(new Map(matches.map((m) => [m.portId, m.e164]))).toEqual(
      new Map([
        [a.id, '+12025550142'],
        [b.id, '+13035550149'],
      ]),
    );
  });

  it('finds completed ports too, and honours the limit', async () => {
    const ctx = testContext();
    const done = ctx.ports.create({ fields: { name: 'Done' }, numbers: ['2025550100'] });
    ctx.ports.move(done.id, { to: 'canceled' });
    ctx.ports.create({ fields: { name: 'Open' }, numbers: ['2025550101'] });
    const all = await ctx.router.call('numbers.search', { digits: '202555010' });
    expect(all.ok && (all.value as { portIds: string[] }).portIds).toHaveLength(2);
    const one = await ctx.router.call('numbers.search', { digits: '202555010', limit: 1 });
    expect(one.ok && (one.value as { portIds: string[] }).portIds).toHaveLength(1);
  });

  it('refuses anything but 3 to 15 digits, naming the field', async () => {
    const ctx = testContext();
    for (const digits of ['55', '555-01', '*', '1234567890123456']) {
      const r = await ctx.router.call('numbers.search', { digits });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(r.ok ? '' : r.error.message).toMatch(/digits: must be 3 to 15 digits/);
    }
  });
});
