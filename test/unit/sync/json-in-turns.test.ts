import { readFile } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseJsonInTurns } from '../../../src/main/sync/json-in-turns';
import { Turns } from '../../../src/main/sync/turns';

/** A Kazoo-like grouped listing of `n` documents, with strings that need escapes, unicode and nesting. */
function listing(n: number): string {
  const docs = Array.from({ length: n }, (_, i) => ({
    id: `id-${i}`,
    name: `Port "${i}" \\ ½ 日本 ✓ \u2028`,
    numbers: { [`+1202555${String(i).padStart(4, '0')}`]: {} },
    bill: { name: `Customer ${i}`, locality: 'Springfield', nested: [1, -2.5e3, true, false, null, [], {}] },
    comments: [],
  }));
  return JSON.stringify({ auth_token: 'x', data: [{ account_id: 'a', port_requests: docs }, { account_id: 'b', port_requests: [] }], revision: 'r', page_size: n });
}

/**
 * Documents full of "},{" that does not end a document: in strings (with escaped quotes and
 * backslashes before it), between nested objects in arrays, and spaced variants.
 */
function trickyListing(n: number): string {
  const docs = Array.from({ length: n }, (_, i) => ({
    id: `id-${i}`,
    note: i % 3 === 0 ? `a},{"id":"forged-${i}"},{` : `\\"},{\\\\`,
    comments: Array.from({ length: i % 5 }, (_, j) => ({ author: `u${j}`, text: `}],[{"x":${j}},{`, replies: [{ r: j }, { r: [{}, {}] }] })),
    tail: i % 2 === 0 ? [{ a: '},{' }, {}] : { b: { c: {} } },
  }));
  return JSON.stringify({ data: [{ account_id: 'a', port_requests: docs, after: [{ x: 1 }, 2, '},{', [{ y: 3 }, {}]] }] });
}

describe('parseJsonInTurns', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives what JSON.parse gives, for small and large texts, whatever the spacing', async () => {
    for (const text of ['1', '"s"', 'null', '[]', '{}', ' { "a" : [ 1 , 2 ] } ', listing(3), listing(2000), JSON.stringify(JSON.parse(listing(800)), null, 2)]) {
      expect(await parseJsonInTurns(text)).toEqual(JSON.parse(text));
    }
  });

  it('gives what JSON.parse gives when "},{" lies inside members (strings, nested objects)', async () => {
    for (const n of [1, 40, 700, 3000]) {
      const text = trickyListing(n);
      expect(await parseJsonInTurns(text)).toEqual(JSON.parse(text));
    }
    // Runs cut at every possible place: all members and all "},{" at once in a small slice.
    const text = trickyListing(3000);
    const spaced = text.replaceAll('},{', '}, {').replaceAll('}, {"id"', '},{"id"');
    expect(await parseJsonInTurns(spaced)).toEqual(JSON.parse(spaced));
  });

  it('reads a long array of objects in runs of many members per JSON.parse', async () => {
    const text = listing(2000);
    const parse = vi.spyOn(JSON, 'parse');
    expect(await parseJsonInTurns(text)).toEqual(JSON.parse(text));
    // Member by member it took more than 2,000; runs of ~32 KB of ~200-character documents.
    expect(parse.mock.calls.length).toBeLessThan(100);
  });

  it('gives the event loop turns while it reads a large text', async () => {
    const text = listing(5000);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    // A slice of 0 ms: a turn after every piece.
    await parseJsonInTurns(text, new Turns(0));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('refuses what JSON.parse refuses, in a large text too', async () => {
    const big = listing(2000);
    const broken = [
      big.slice(0, -1),
      `${big} x`,
      big.replace('"revision":"r"', '"revision":r'),
      big.replace('"page_size"', 'page_size'),
      big.replace('"port_requests":[', '"port_requests":[,'),
      big.replace('}]}', '}],}'),
      big.replace('"data":', '"data"'),
      '',
      '{"a":1,}',
      '[1 2]',
      '"unterminated',
      // Inside runs of objects, and where runs are cut.
      big.replace('"id":"id-1000"', '"id":id-1000"'),
      big.replace('{"id":"id-1500"', '{"id":"id-1500",'),
      big.replace('},{"id":"id-1200"', '}{"id":"id-1200"'),
      big.replace('},{"id":"id-1300"', '},,{"id":"id-1300"'),
      big.replace('},{"id":"id-1400"', '}],[{"id":"id-1400"'),
      big.replace('"locality":"Springfield"', '"locality":"Spring\\u12"'),
      trickyListing(700).replace('"id":"id-300"', '"id":"id-300'),
    ];
    for (const text of broken) {
      expect(() => JSON.parse(text)).toThrow();
      await expect(parseJsonInTurns(text)).rejects.toThrow(SyntaxError);
    }
  });

  it('keeps "__proto__" an own property, as JSON.parse does', async () => {
    const text = `{"pad":"${'x'.repeat(40_000)}","__proto__":{"polluted":true}}`;
    const value = (await parseJsonInTurns(text)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('Turns', () => {
  /** From an I/O callback (an answer just read), what has run once `wait` resolves: a timer already due, and `wait`. */
  async function orderFromIo(wait: (turns: Turns) => Promise<void>): Promise<string[]> {
    const order: string[] = [];
    await new Promise<void>((done) =>
      readFile(fileURLToPath(import.meta.url), () => {
        setTimeout(() => order.push('timer'), 0);
        // The timer is due (1 ms) before the turn is asked for.
        const until = performance.now() + 3;
        while (performance.now() < until);
        void wait(new Turns()).then(() => {
          order.push('turn');
          done();
        });
      }),
    );
    return order;
  }

  it('from an I/O callback, nextAfterIo lets due timers run first (next does not: its setImmediate runs in the same iteration)', async () => {
    expect(await orderFromIo((t) => t.nextAfterIo())).toEqual(['timer', 'turn']);
    expect(await orderFromIo((t) => t.next())).toEqual(['turn']);
  });
});
