import { describe, expect, it } from 'vitest';
import { editedMessage, plainTimelineMessage } from '../../../src/shared/domain/fieldLabels';

describe('timeline wording', () => {
  it('names edited fields as the form does', () => {
    expect(editedMessage(['authorizedPerson', 'pin'])).toBe('Edited: Authorized person, PIN / passcode');
    expect(editedMessage(['winningCarrier'])).toBe('Edited: New (winning) carrier');
  });

  it('rewords entries written with field keys, and leaves other messages alone', () => {
    expect(plainTimelineMessage('Edited authorizedPerson, pin')).toBe('Edited: Authorized person, PIN / passcode');
    expect(plainTimelineMessage('Edited from the carrier portal')).toBe('Edited from the carrier portal');
    expect(plainTimelineMessage('Added 3 numbers')).toBe('Added 3 numbers');
  });
});
