import { describe, expect, it } from 'vitest';
import { checkNumberLines, validNumbers } from '../../../src/shared/domain/numberLines';

describe('checkNumberLines (new-port dialog)', () => {
  it('reports every entry: valid, invalid with its reason, duplicate of an earlier line, extension dropped', () => {
    const checks = checkNumberLines('(202) 555-9000\n202555900O\n+1 202 555 9000\n202-555-9001 ext 22\n');
    expect(checks).toEqual([
      { line: 1, input: '(202) 555-9000', status: 'valid', e164: '+12025559000' },
      { line: 2, input: '202555900O', status: 'invalid', reason: expect.stringContaining('contains letters') },
      { line: 3, input: '+1 202 555 9000', status: 'duplicate', e164: '+12025559000', firstLine: 1 },
      { line: 4, input: '202-555-9001 ext 22', status: 'valid', e164: '+12025559001', extension: '22', note: 'extension 22 removed' },
    ]);
    expect(validNumbers(checks)).toEqual(['+12025559000', '+12025559001']);
  });

  it('keeps an extension written after a comma with its number instead of calling it a bad number', () => {
    const checks = checkNumberLines('202-555-9002, ext. 7; 202-555-9003');
    expect(checks.map((c) => c.status)).toEqual(['valid', 'valid']);
    expect(checks[0]).toMatchObject({ input: '202-555-9002 ext. 7', extension: '7' });
  });

  it('uses the default country for national numbers', () => {
    expect(checkNumberLines('020 7946 0000', 'GB')[0]).toMatchObject({ status: 'valid', e164: '+442079460000' });
    expect(checkNumberLines('020 7946 0000', 'US')[0]?.status).toBe('invalid');
  });

  it('gives nothing for blank text', () => {
    expect(checkNumberLines(' \n,\n')).toEqual([]);
  });
});
