import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, parseClock, type WorkingCalendar, workingMinutesBetween } from './calendar.js';

const wita: WorkingCalendar = {
  timeZone: 'Asia/Makassar',
  workDays: [1, 2, 3, 4, 5],
  workStart: parseClock('07:30'),
  workEnd: parseClock('16:00'),
  holidays: ['2026-08-17'],
};
/** A local WITA time as a Date. */
const local = (s: string) => new Date(`${s}+08:00`);

describe('working calendar', () => {
  it('adds minutes inside the working day', () => {
    expect(addWorkingMinutes(local('2026-08-12T09:00:00'), 120, wita)).toEqual(local('2026-08-12T11:00:00'));
  });

  it('carries over the evening and the weekend to the next working morning', () => {
    // Friday 15:00 + 120 working minutes → 60 on Friday, 60 on Monday from 07:30.
    expect(addWorkingMinutes(local('2026-08-14T15:00:00'), 120, wita)).toEqual(local('2026-08-18T08:30:00'));
  });

  it('skips holidays (17 Agustus falls on a Monday in 2026)', () => {
    expect(addWorkingMinutes(local('2026-08-14T15:30:00'), 60, wita)).toEqual(local('2026-08-18T08:00:00'));
  });

  it('starts work given after hours on the next working morning', () => {
    expect(addWorkingMinutes(local('2026-08-12T20:00:00'), 30, wita)).toEqual(local('2026-08-13T08:00:00'));
  });

  it('measures working minutes between two moments', () => {
    expect(workingMinutesBetween(local('2026-08-14T15:00:00'), local('2026-08-18T08:30:00'), wita)).toBe(120);
    expect(workingMinutesBetween(local('2026-08-15T09:00:00'), local('2026-08-16T09:00:00'), wita)).toBe(0);
  });

  it('never ends before the start, and the time in between is exactly the working time asked for', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 20 * 510 }),
        (start, minutes) => {
          const s = new Date(Math.floor(start.getTime() / 60_000) * 60_000);
          const due = addWorkingMinutes(s, minutes, wita);
          return due >= s && workingMinutesBetween(s, due, wita) === minutes;
        },
      ),
      { numRuns: 300 },
    );
  });
});
