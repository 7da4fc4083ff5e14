import type { IndonesianTimeZone } from './time-zones.js';

/**
 * A government's working calendar: the days and hours its offices work, in its own time zone,
 * and its holidays (libur nasional, cuti bersama, local holidays). Mutu baku times run on it.
 */
export interface WorkingCalendar {
  timeZone: IndonesianTimeZone;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workDays: number[];
  /** Start and end of the working day, minutes after local midnight (e.g. 07:30 → 450). */
  workStart: number;
  workEnd: number;
  /** Holidays as local dates `yyyy-mm-dd`. */
  holidays: string[];
}

// Indonesia keeps no daylight saving time: each zone is a fixed offset from UTC.
const OFFSET_MINUTES: Record<IndonesianTimeZone, number> = {
  'Asia/Jakarta': 7 * 60,
  'Asia/Makassar': 8 * 60,
  'Asia/Jayapura': 9 * 60,
};

const DAY = 24 * 60;

/** Working minutes in one working day. */
export function workingMinutesPerDay(cal: WorkingCalendar): number {
  return Math.max(0, cal.workEnd - cal.workStart);
}

function localDate(localMinutes: number): string {
  return new Date(localMinutes * 60_000).toISOString().slice(0, 10);
}

function isWorkingDay(cal: WorkingCalendar, localDayStart: number): boolean {
  const weekday = ((new Date(localDayStart * 60_000).getUTCDay() + 6) % 7) + 1; // 1 = Monday
  return cal.workDays.includes(weekday) && !cal.holidays.includes(localDate(localDayStart));
}

/**
 * The moment `minutes` of working time after `start`. Time outside working hours, on non-working
 * days and on holidays does not count; work started after hours begins the next working morning.
 * `hari` in a mutu baku is converted by the caller to working days × the working day's length.
 */
export function addWorkingMinutes(start: Date, minutes: number, cal: WorkingCalendar): Date {
  if (workingMinutesPerDay(cal) <= 0 || cal.workDays.length === 0) throw new Error('the calendar has no working time');
  const offset = OFFSET_MINUTES[cal.timeZone];
  // Work in local minutes since the epoch, so day boundaries are the government's own.
  let t = Math.floor(start.getTime() / 60_000) + offset;
  let left = Math.max(0, minutes);
  for (let guard = 0; guard < 3660; guard++) {
    const dayStart = Math.floor(t / DAY) * DAY;
    if (isWorkingDay(cal, dayStart)) {
      const open = dayStart + cal.workStart;
      const close = dayStart + cal.workEnd;
      if (t < open) t = open;
      if (t < close) {
        const available = close - t;
        if (left <= available) return new Date((t + left - offset) * 60_000);
        left -= available;
      }
    }
    t = dayStart + DAY;
  }
  throw new Error('no working time within ten years');
}

/** Working minutes between two moments on the calendar (for actual-against-standard times). */
export function workingMinutesBetween(from: Date, to: Date, cal: WorkingCalendar): number {
  if (to <= from) return 0;
  const offset = OFFSET_MINUTES[cal.timeZone];
  let t = Math.floor(from.getTime() / 60_000) + offset;
  const end = Math.floor(to.getTime() / 60_000) + offset;
  let total = 0;
  while (t < end) {
    const dayStart = Math.floor(t / DAY) * DAY;
    if (isWorkingDay(cal, dayStart)) {
      const open = Math.max(t, dayStart + cal.workStart);
      const close = Math.min(end, dayStart + cal.workEnd);
      if (close > open) total += close - open;
    }
    t = dayStart + DAY;
  }
  return total;
}

/** Parses "07:30" into minutes after midnight. */
export function parseClock(s: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (!m) throw new Error(`not a time: ${s}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The months in Bahasa Indonesia, January first. */
export const indonesianMonths = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** 2026-03-05 → "5 Maret 2026" (the date part of an ISO date or time). */
export function indonesianDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${indonesianMonths[(m ?? 1) - 1]} ${y}`;
}
