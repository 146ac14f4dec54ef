import { describe, expect, it } from 'vitest';
import { clockTime, lateCreateText, SETTLING_MESSAGE } from '../../../src/shared/domain/lateCreates';

describe('late create status text', () => {
  const at = new Date(2026, 10, 30, 9, 5).getTime();

  it('says until when no second create goes, and that PortDesk cannot tell yet when the lookup failed', () => {
    expect(clockTime(at)).toBe('09:05');
    expect(lateCreateText(at, SETTLING_MESSAGE)).toBe('Waiting for an earlier create to settle until 09:05: no second one is sent before then');
    expect(lateCreateText(at, 'cannot tell yet whether the earlier create landed (Network error (fetch failed))')).toBe(
      'Cannot tell yet whether the earlier create landed (Network error (fetch failed)); waiting for an earlier create to settle until 09:05: no second one is sent before then',
    );
  });

  it('once settled, says it is looking for the earlier create, with the last try when it says something else', () => {
    expect(lateCreateText(null, SETTLING_MESSAGE)).toBe('Looking for the create sent earlier');
    expect(lateCreateText(null, 'Telnyx: cannot tell yet whether the earlier create landed (503)')).toBe('Telnyx: cannot tell yet whether the earlier create landed (503)');
    expect(lateCreateText(null, 'Network error (reset)')).toBe('Looking for the create sent earlier (last try: Network error (reset))');
  });
});
