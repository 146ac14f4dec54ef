import { describe, expect, it } from 'vitest';
import { needsScheduleDate, undatedScheduleHelp } from '../../../src/shared/domain/undatedSchedule';

describe('a move to Scheduled refused for want of a date', () => {
  it('is recognised after the server text, so Needs attention offers the date; other refusals are not', () => {
    expect(needsScheduleDate(`scheduled_date: scheduled_date or schedule_on is required to schedule a port (invalid request). ${undatedScheduleHelp('p1')}`)).toBe(true);
    expect(undatedScheduleHelp('p1')).toContain('portdesk ports move p1 scheduled --date YYYY-MM-DD');
    expect(needsScheduleDate('accept charges: activation charges of 10.00 must be accepted')).toBe(false);
    expect(needsScheduleDate(null)).toBe(false);
  });
});
