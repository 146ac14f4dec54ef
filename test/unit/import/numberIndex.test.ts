import { describe, expect, it } from 'vitest';
import { GrowingInts, NumberIndex } from '../../../src/main/import/numberIndex';

describe('NumberIndex', () => {
  it('keeps the first value of each number through growth, like a Map', () => {
    const index = new NumberIndex(4);
    const reference = new Map<string, number>();
    // Numbers of a few exchanges (they differ in the low digits only), every one added twice.
    const wrong: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      const e164 = `+1${202 + (i % 5)}555${String(i % 40_000).padStart(5, '0')}`;
      if (index.add(e164, i) === reference.has(e164)) wrong.push(`add ${e164}`);
      if (!reference.has(e164)) reference.set(e164, i);
      if (index.add(e164, i + 1)) wrong.push(`add again ${e164}`);
    }
    for (const [e164, value] of reference) if (index.get(e164) !== value) wrong.push(`get ${e164}`);
    expect(wrong).toEqual([]);
    expect(index.size).toBe(reference.size);
    expect(index.get('+12025550000')).toBeUndefined();
  });

  it('tells apart numbers of different lengths and countries and the longest E.164 numbers', () => {
    const index = new NumberIndex();
    const numbers = ['+1', '+12', '+4420794601', '+442079460100', '+999999999999999', '+99999999999999', '+33123456789', '+3312345678'];
    numbers.forEach((n, i) => expect(index.add(n, i)).toBe(true));
    numbers.forEach((n, i) => expect(index.get(n)).toBe(i));
  });

  it('keeps text that is not an E.164 number apart from the numbers its digits spell', () => {
    const index = new NumberIndex();
    expect(index.add('+12025550100', 1)).toBe(true);
    for (const [odd, value] of [['+012025550100', 2], ['12025550100', 3], ['+1202555010x', 4], ['+1234567890123456', 5]] as const) {
      expect(index.add(odd, value)).toBe(true);
      expect(index.get(odd)).toBe(value);
    }
    expect(index.get('+12025550100')).toBe(1);
    expect(index.size).toBe(5);
  });
});

describe('GrowingInts', () => {
  it('keeps every value pushed past its first capacity', () => {
    const ints = new GrowingInts();
    for (let i = 0; i < 5_000; i++) ints.push(i * 3 - 7);
    expect(ints.length).toBe(5_000);
    expect([ints.at(0), ints.at(1023), ints.at(1024), ints.at(4999)]).toEqual([-7, 3062, 3065, 14990]);
  });
});
