import { describe, expect, it } from 'vitest';
import { addressLine, alignStreet, nameInLine, splitStreetLine, streetLine } from '../../../src/shared/domain/address';

const oak = { streetNumber: '1543', streetPreDir: 'N', street: 'Oak', streetType: 'Ave', streetPostDir: '' };

describe('street parts', () => {
  it('write every part in order, and the unit after them on the address line', () => {
    expect(streetLine(oak)).toBe('1543 N Oak Ave');
    expect(addressLine({ ...oak, extendedAddress: 'Apt 4' })).toBe('1543 N Oak Ave Apt 4');
    expect(streetLine({ ...oak, streetNumber: ' ', streetPreDir: '', streetPostDir: 'SW' })).toBe('Oak Ave SW');
  });

  it('split a one-line street only by a version it was written from, never by guessing', () => {
    expect(splitStreetLine('1543 N Oak Ave', [{ ...oak, streetNumber: '9' }, oak])).toEqual(oak);
    expect(splitStreetLine('1545 N Oak Ave', [oak])).toEqual({ streetNumber: '', streetPreDir: '', street: '1545 N Oak Ave', streetType: '', streetPostDir: '' });
    expect(alignStreet({ ...oak, streetNumber: '', streetPreDir: '', street: '1543 N Oak Ave', streetType: '', extendedAddress: 'x' }, [oak])).toEqual({ ...oak, extendedAddress: 'x' });
  });

  it('find the street name in a line that still carries the parts around it', () => {
    expect(nameInLine('1543 N Oak Ave SW', { streetNumber: '1543', streetPreDir: 'N', streetType: 'Ave', streetPostDir: 'SW' })).toBe('Oak');
    expect(nameInLine('1543 North Oak Ave', { streetNumber: '1543', streetPreDir: 'N', streetType: 'Ave', streetPostDir: '' })).toBeNull();
    expect(nameInLine('15430 Oak Ave', { streetNumber: '1543', streetPreDir: '', streetType: '', streetPostDir: '' })).toBeNull();
  });
});
