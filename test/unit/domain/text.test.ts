import { describe, expect, it } from 'vitest';
import { cleanText, escapeForTerminal } from '../../../src/shared/domain/text';
import { TagSchema } from '../../../src/shared/rpc/methods/tags';

describe('cleanText: outside text as stored', () => {
  it.each([
    ['NUL and other controls', 'Acme\u0000 Corp\u0007', 'Acme Corp'],
    ['ANSI colour and cursor escapes', '\u001b[31mRED\u001b[0m \u001b[2J\u001b[HCo', 'RED Co'],
    ['an OSC title/hyperlink sequence', '\u001b]0;pwned\u0007Acme', 'Acme'],
    ['bidi overrides and isolates', 'invoice\u202Efdp.exe \u2066x\u2069', 'invoicefdp.exe x'],
    ['line breaks in a one-line field', 'Acme\r\nCorp\tInc', 'Acme  Corp Inc'],
    ['a lone high surrogate', 'Acme \ud800 Co', 'Acme \ufffd Co'],
    ['a lone low surrogate', '\udc00Acme', '\ufffdAcme'],
    ['ZWSP and BOM', '\ufeffAc\u200bme', 'Acme'],
    ['decomposed accents (to NFC)', 'Jose\u0301', 'José'],
  ])('cleans %s', (_label, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each(['\u200b\u200b', '\u200d\u200c', ' \u200b \ufeff', '\u0301\u0301', '\u202e\u202c'])('makes nothing-visible %j empty (so a required name is refused)', (input) => {
    expect(cleanText(input)).toBe('');
  });

  it('keeps what writing needs: scripts, ZWNJ inside a word, emoji with ZWJ, a surrogate pair', () => {
    for (const s of ['山田太郎', 'محمد علي', 'می\u200cخواهم', '👩\u200d💻', 'Ωmega', '𝔘nicode']) expect(cleanText(s)).toBe(s);
  });

  it('keeps line breaks (as \\n) and tabs in multi-line text', () => {
    expect(cleanText('one\r\ntwo\rthree\tfour\u001b[1m', { multiline: true })).toBe('one\ntwo\nthree\tfour');
  });
});

describe('escapeForTerminal: text as printed', () => {
  it('writes ESC, other controls, bidi controls and lone surrogates as visible escapes', () => {
    expect(escapeForTerminal('\u001b[31mred')).toBe('\\u001b[31mred');
    expect(escapeForTerminal('a\u202eb\u0000c\ud800')).toBe('a\\u202eb\\u0000c\\ud800');
  });

  it('leaves line breaks, tabs, scripts and emoji alone, and is idempotent', () => {
    const s = 'Port 山田\tمحمد 👩\u200d💻\nnext';
    expect(escapeForTerminal(s)).toBe(s);
    expect(escapeForTerminal(escapeForTerminal('\u001b'))).toBe('\\u001b');
  });
});

describe('TagSchema: a tag is cleaned like a name', () => {
  it.each([
    ['an override that reverses the text', 'urgent\u202E', 'urgent'],
    ['isolates around it', ' \u2066west\u2069 ', 'west'],
    ['a terminal colour escape', '\u001b[1;31mhot\u001b[0m', 'hot'],
    ['a line break', 'q4\nbatch', 'q4 batch'],
    ['a lone surrogate', 'vip\ud800', 'vip\ufffd'],
  ])('cleans %s', (_label, input, expected) => {
    expect(TagSchema.parse(input)).toBe(expected);
  });

  it('refuses a tag with nothing visible, and counts the 40 characters after cleaning', () => {
    expect(TagSchema.safeParse('\u200b\u202e').success).toBe(false);
    expect(TagSchema.parse(`${'x'.repeat(40)}\u202e`)).toHaveLength(40);
    expect(TagSchema.safeParse('x'.repeat(41)).success).toBe(false);
  });
});
