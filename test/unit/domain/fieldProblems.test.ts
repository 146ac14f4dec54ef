import { describe, expect, it } from 'vitest';
import { EMPTY_PORT_FIELDS } from '../../../src/shared/model';
import { fieldProblem, fieldProblems } from '../../../src/shared/domain/fieldProblems';

describe('field problems (the detail form and the table cells say the same)', () => {
  it('says a value is too long in words, with its length and the limit, never zod’s own wording', () => {
    expect(fieldProblem('losingCarrier', 'x'.repeat(130))).toBe('Losing carrier is too long: 130 characters, at most 128');
    expect(fieldProblem('pin', '1'.repeat(33))).toBe('PIN / passcode is too long: 33 characters, at most 32');
    // Counted after trimming, as the value is stored.
    expect(fieldProblem('losingCarrier', ` ${'x'.repeat(128)} `)).toBeNull();
  });

  it('names the field and what is wrong for required values, dates and e-mail addresses', () => {
    expect(fieldProblem('name', '   ')).toBe('Name is required');
    expect(fieldProblem('focDate', '2026-02-30')).toBe('FOC date is not a real calendar date');
    expect(fieldProblem('transferDate', '03/04/2026')).toBe('Requested transfer date must be a date written YYYY-MM-DD');
    expect(fieldProblem('notificationEmails', ['ops@example.com', 'nope'])).toBe('Notification e-mails must each be an e-mail address');
    expect(fieldProblem('accountNumber', '0042')).toBeNull();
  });

  it('gives each field’s first problem for a whole form, and none for valid fields', () => {
    const fields = { ...EMPTY_PORT_FIELDS, name: 'Acme', losingCarrier: 'y'.repeat(200), focDate: '2026-13-01' };
    expect(fieldProblems(fields)).toEqual({
      losingCarrier: 'Losing carrier is too long: 200 characters, at most 128',
      focDate: 'FOC date is not a real calendar date',
    });
    expect(fieldProblems({ ...EMPTY_PORT_FIELDS, name: 'Acme' })).toEqual({});
    for (const message of Object.values(fieldProblems({ ...fields, name: 'n'.repeat(500), street: 's'.repeat(300) }))) expect(message).not.toMatch(/Too big|expected/);
  });
});
