import { describe, expect, it } from 'vitest';
import { titleInLane } from '../../../src/renderer/src/board/cardFacts';

describe('titleInLane', () => {
  it('leaves out the lane’s account and the separator after it', () => {
    expect(titleInLane('Acme Dental – Front desk', 'Acme Dental')).toBe('Front desk');
    expect(titleInLane('Acme Dental - Fax lines', 'Acme Dental')).toBe('Fax lines');
    expect(titleInLane('acme dental: Main', 'Acme Dental')).toBe('Main');
    expect(titleInLane('Acme Dental Annex', 'Acme Dental')).toBe('Annex');
  });

  it('keeps the whole title when it names another account, another one’s start, or nothing else', () => {
    expect(titleInLane('Birch Law – Main', 'Acme Dental')).toBe('Birch Law – Main');
    expect(titleInLane('Acme Dentalworks – Main', 'Acme Dental')).toBe('Acme Dentalworks – Main');
    expect(titleInLane('Acme Dental', 'Acme Dental')).toBe('Acme Dental');
    expect(titleInLane('Acme Dental – ', 'Acme Dental')).toBe('Acme Dental – ');
    expect(titleInLane('Front desk', '')).toBe('Front desk');
  });
});
