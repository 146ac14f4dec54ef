import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src/shared/rpc/events';
import { testContext } from '../../support/context';

describe('tags service', () => {
  it('tags many ports at once: summaries carry the tags, each port gets a timeline entry, nothing goes to the outbox', () => {
    const { ports, tags, repos, changes } = testContext();
    const a = ports.create({ fields: { name: 'A' } });
    const b = ports.create({ fields: { name: 'B' } });
    const c = ports.create({ fields: { name: 'C' } });
    const outboxBefore = repos.outbox.count();
    const seen: ChangeEvent[] = [];
    changes.subscribe((e) => seen.push(e));

    expect(tags.set({ portIds: [a.id, b.id], add: ['Q4 batch', 'vip, west'] }).changed).toEqual([a.id, b.id]);

    expect(ports.summaries([a.id])[0]?.tags).toEqual(['Q4 batch', 'vip, west']);
    expect(ports.summaries([c.id])[0]?.tags).toEqual([]);
    expect(ports.get(b.id).timeline.at(-1)).toMatchObject({ kind: 'tags', message: 'Tagged "Q4 batch", "vip, west"' });
    expect(repos.outbox.count()).toBe(outboxBefore);
    expect(ports.get(a.id).syncStatus).toBe(a.syncStatus);
    expect(seen).toContainEqual({ type: 'ports', ids: [a.id, b.id], removed: [] });
    expect(tags.list()).toEqual(['Q4 batch', 'vip, west']);
  });

  it('removes tags, reports only ports that changed, and ignores a repeated add', () => {
    const { ports, tags } = testContext();
    const a = ports.create({ fields: { name: 'A' } });
    const b = ports.create({ fields: { name: 'B' } });
    tags.set({ portIds: [a.id], add: ['vip'] });
    expect(tags.set({ portIds: [a.id, b.id], add: ['vip'] }).changed).toEqual([b.id]);
    expect(tags.set({ portIds: [a.id, b.id], remove: ['vip'] }).changed).toEqual([a.id, b.id]);
    expect(ports.summaries([a.id, b.id]).map((s) => s.tags)).toEqual([[], []]);
    expect(ports.get(a.id).timeline.at(-1)?.message).toBe('Untagged "vip"');
    expect(tags.list()).toEqual([]);
  });

  it('writes nothing when a port does not exist; tags are cleaned like names, and one of nothing visible is refused', async () => {
    const { ports, tags, router } = testContext();
    const a = ports.create({ fields: { name: 'A' } });
    expect(() => tags.set({ portIds: [a.id, 'nope'], add: ['x'] })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(ports.get(a.id).tags).toEqual([]);
    // Hostile: escapes that recolour a terminal, a bidi override that reverses the board's text, NUL, the SQL's separator.
    const cleaned = await router.call('tags.set', { portIds: [a.id], add: ['\u001b[31mvip\u001b[0m\u0000', 'gpj.\u202Eexe', 'west\u001fcoast'] });
    expect(cleaned).toMatchObject({ ok: true });
    expect(ports.get(a.id).tags).toEqual(['gpj.exe', 'vip', 'westcoast']);
    const refused = await router.call('tags.set', { portIds: [a.id], add: ['\u200b\u2066\u2069'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('add.0') } });
    // Callers inside main skip the RPC schema: the service cleans too, and removes by the cleaned tag.
    tags.set({ portIds: [a.id], add: ['\u2067east\u2069'], remove: ['\u200bvip'] });
    expect(ports.get(a.id).tags).toEqual(['east', 'gpj.exe', 'westcoast']);
  });

  it('drops tags with their port', () => {
    const { ports, tags } = testContext();
    const a = ports.create({ fields: { name: 'A' } });
    tags.set({ portIds: [a.id], add: ['gone soon'] });
    ports.delete(a.id);
    expect(tags.list()).toEqual([]);
  });
});
