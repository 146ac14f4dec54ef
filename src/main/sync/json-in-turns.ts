import { Turns } from './turns';

/** Objects and arrays up to this many characters are read by one JSON.parse; larger ones are walked member by member. */
const PIECE_CHARS = 32 * 1024;

/** Runs of members tried, each half the one before, before the members are walked one by one. */
const RUN_TRIES = 4;

/**
 * JSON text read in pieces, with turns of the event loop between them: a Kazoo 4.3 listing of
 * 10,000 port requests is one answer of several megabytes (its listings are not paginated,
 * cb_port_requests `should_paginate` false), whose single JSON.parse would hold the window
 * longer than a frame budget allows. Large objects and arrays are walked; every member of at most
 * {@link PIECE_CHARS}, and every run of objects in an array of about that length, is one
 * JSON.parse, so the value, and what is refused as malformed, are JSON.parse's own.
 */
export async function parseJsonInTurns(text: string, turns = new Turns()): Promise<unknown> {
  const walker = new JsonWalker(text, turns);
  const value = await walker.member();
  walker.skipSpace();
  if (walker.pos !== text.length) walker.fail();
  return value;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

class JsonWalker {
  pos = 0;
  /** {@link cutFrom}'s last search: from where, and what it found. */
  private searchedFrom = Infinity;
  private cutFound = -1;
  private lastCutFound: number | undefined;

  constructor(
    private readonly text: string,
    private readonly turns: Turns,
  ) {}

  fail(): never {
    throw new SyntaxError(`Malformed JSON at position ${this.pos}`);
  }

  skipSpace(): void {
    while (isSpace(this.text.charCodeAt(this.pos))) this.pos += 1;
  }

  /** The value at `pos`, which then points past it. */
  async member(): Promise<unknown> {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    let end: number;
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      end = this.containerEnd();
      if (end < 0) return c === OPEN_OBJECT ? this.object() : this.array();
    } else {
      end = this.scalarEnd();
    }
    const value: unknown = JSON.parse(this.text.slice(this.pos, end));
    this.pos = end;
    await this.turns.check();
    return value;
  }

  private async object(): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    if (this.openedEmpty(CLOSE_OBJECT)) return out;
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== QUOTE) this.fail();
      const keyEnd = this.scalarEnd();
      const key = JSON.parse(this.text.slice(this.pos, keyEnd)) as string;
      this.pos = keyEnd;
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== COLON) this.fail();
      this.pos += 1;
      const value = await this.member();
      // As JSON.parse does: "__proto__" is an own property, never the object's prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
      if (this.endOfMembers(CLOSE_OBJECT)) return out;
    }
  }

  private async array(): Promise<unknown[]> {
    const out: unknown[] = [];
    if (this.openedEmpty(CLOSE_ARRAY)) return out;
    // Runs that end before this did not parse: the members up to it are walked one by one.
    let wrongCut = -1;
    for (;;) {
      const run = this.pos > wrongCut ? this.objectRun() : -1;
      if (typeof run === 'number') {
        wrongCut = Math.max(wrongCut, run);
        out.push(await this.member());
      } else {
        for (const value of run) out.push(value);
        await this.turns.check();
      }
      if (this.endOfMembers(CLOSE_ARRAY)) return out;
    }
  }

  /**
   * The members from `pos` up to a piece's length or so further, by one JSON.parse (`pos` then at
   * the comma after them); or, when there is no such run, where the one tried ended (-1: none
   * tried). Finding each member's end costs more than JSON.parse itself (a 10,000-port listing:
   * ~50 ms of a cold process's ~150), so a run ends at a "},{" found by native search. That may
   * lie inside a member (in a string, between nested objects) or past the array's end; then
   * "[" + run + "]" does not parse, since a JSON parser's state after the run's text is the same
   * whether or not more text follows, and "]" then closes the array only at the members' own
   * depth, after a whole value. A shorter run is then tried (near an array's end, the first
   * "},{" past a piece's length is often past the array), a few times.
   */
  private objectRun(): unknown[] | number {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== OPEN_OBJECT) return -1;
    let cut = this.cutFrom(this.pos + PIECE_CHARS);
    // No "},{" further on: the text's last one may end a run.
    if (cut < 0) cut = this.lastCut();
    if (cut <= this.pos || cut > this.pos + 2 * PIECE_CHARS) return -1;
    const firstCut = cut;
    for (let tries = 0; tries < RUN_TRIES; tries += 1) {
      try {
        const run = JSON.parse(`[${this.text.slice(this.pos, cut + 1)}]`) as unknown[];
        this.pos = cut + 1;
        return run;
      } catch {
        // The run is shorter, if it is one: from the first "},{" past half this one.
        const shorter = this.text.indexOf('},{', this.pos + ((cut - this.pos) >> 1));
        if (shorter >= cut) break;
        cut = shorter;
      }
    }
    return firstCut;
  }

  private lastCut(): number {
    if (this.lastCutFound === undefined) this.lastCutFound = this.text.lastIndexOf('},{');
    return this.lastCutFound;
  }

  /** The first "},{" at or after `from` (-1: none), searched again only past the last one found. */
  private cutFrom(from: number): number {
    if (from < this.searchedFrom || (this.cutFound >= 0 && from > this.cutFound)) {
      this.searchedFrom = from;
      this.cutFound = this.text.indexOf('},{', from);
    }
    return this.cutFound;
  }

  /** Past the opening bracket; true (and past the closing one too) when nothing is between them. */
  private openedEmpty(close: number): boolean {
    this.pos += 1;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== close) return false;
    this.pos += 1;
    return true;
  }

  /** After a member: true at the closing bracket, false at a comma (both consumed); anything else is malformed. */
  private endOfMembers(close: number): boolean {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    if (c !== close && c !== COMMA) this.fail();
    this.pos += 1;
    return c === close;
  }

  /**
   * Where the object or array at `pos` ends (one past its closing bracket), or -1 when it is
   * longer than a piece. Brackets are only counted: JSON.parse judges the piece.
   */
  private containerEnd(): number {
    const { text } = this;
    const limit = Math.min(text.length, this.pos + PIECE_CHARS);
    let depth = 0;
    for (let i = this.pos; i < limit; i += 1) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        for (i += 1; i < limit; i += 1) {
          const d = text.charCodeAt(i);
          if (d === BACKSLASH) i += 1;
          else if (d === QUOTE) break;
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        depth += 1;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }

  /** Where the string, number or literal at `pos` ends. */
  private scalarEnd(): number {
    const { text } = this;
    let i = this.pos;
    if (text.charCodeAt(i) === QUOTE) {
      for (i += 1; i < text.length; i += 1) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i += 1;
        else if (d === QUOTE) return i + 1;
      }
      this.fail();
    }
    for (; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isSpace(c)) break;
    }
    if (i === this.pos) this.fail();
    return i;
  }
}
