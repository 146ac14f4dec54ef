/**
 * E.164 numbers mapped to a non-negative integer, in typed arrays rather than a Map of strings.
 * A million-row import keeps one entry per distinct number (the row it first appears on): as a
 * `Map<string, number>` that is about 80 MB of heap (each key a string object, each entry three
 * slots), and the heap is then grown to a multiple of it by the garbage collector's headroom.
 * Here a number is its digits as a double (E.164 has at most 15 digits, exact below 2^53) in an
 * open-addressing table: 24 bytes a number at the worst load, outside the JS heap.
 */
export class NumberIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private used = 0;
  /** Anything that is not "+" and 1 to 15 digits (never from the number parser; kept correct anyway). */
  private readonly odd = new Map<string, number>();

  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.keys = new Float64Array(size);
    this.values = new Int32Array(size);
  }

  get size(): number {
    return this.used + this.odd.size;
  }

  get(e164: string): number | undefined {
    const key = digitsOf(e164);
    if (key === 0) return this.odd.get(e164);
    const { keys } = this;
    const mask = keys.length - 1;
    for (let i = slotOf(key, mask); ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === key) return this.values[i];
      if (k === 0) return undefined;
    }
  }

  /** Set the value of a number not yet in the index (a number already in it keeps its value; false). */
  add(e164: string, value: number): boolean {
    const key = digitsOf(e164);
    if (key === 0) {
      if (this.odd.has(e164)) return false;
      this.odd.set(e164, value);
      return true;
    }
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    return this.place(key, value);
  }

  private place(key: number, value: number): boolean {
    const { keys } = this;
    const mask = keys.length - 1;
    for (let i = slotOf(key, mask); ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === key) return false;
      if (k === 0) {
        keys[i] = key;
        this.values[i] = value;
        this.used++;
        return true;
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.used = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.place(keys[i]!, values[i]!);
  }
}

/** The digits of "+DDD…" (1 to 15 digits) as a number, or 0 for anything else. */
export function digitsOf(e164: string): number {
  const length = e164.length;
  if (length < 2 || length > 16 || e164.charCodeAt(0) !== 43) return 0;
  let n = 0;
  for (let i = 1; i < length; i++) {
    const d = e164.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    n = n * 10 + d;
  }
  // "+0…" would collide with "+…" (and 0 marks an empty slot): E.164 country codes never start with 0.
  return e164.charCodeAt(1) === 48 ? 0 : n;
}

/** Table slot of a key: its low and high 32 bits mixed (numbers of one exchange differ in the low digits). */
function slotOf(key: number, mask: number): number {
  const low = key % 4294967296;
  const high = (key - low) / 4294967296;
  let h = Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return h & mask;
}

/** An append-only list of numbers in one typed array, doubled as it fills. */
class Growing<A extends Int32Array | Float64Array> {
  private items: A;
  length = 0;

  constructor(private readonly make: (size: number) => A) {
    this.items = make(1024);
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const bigger = this.make(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.length++] = value;
  }

  at(index: number): number {
    return this.items[index]!;
  }

  /** Position of the first entry equal to `value`, or -1. */
  indexOf(value: number): number {
    return this.items.subarray(0, this.length).indexOf(value);
  }
}

/** Int32 values (row numbers, sequence numbers, ids). */
export class GrowingInts extends Growing<Int32Array> {
  constructor() {
    super((size) => new Int32Array(size));
  }
}

/** Float64 values (a number's digits, see {@link digitsOf}). */
export class GrowingFloats extends Growing<Float64Array> {
  constructor() {
    super((size) => new Float64Array(size));
  }
}
