import { describe, expect, it } from 'vitest';
import { orderedUuid } from '../../../src/main/db/ordered-uuid';

describe('orderedUuid', () => {
  it('is a UUIDv7, strictly increasing and unique over a burst of ids', () => {
    const ids = Array.from({ length: 20_000 }, () => orderedUuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 1; i < ids.length; i += 1) expect((ids[i] as string) > (ids[i - 1] as string)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the time it was made', () => {
    const before = Date.now();
    const id = orderedUuid();
    const ms = Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 60_000);
  });
});
