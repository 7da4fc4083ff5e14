import { type IndonesianTimeZone, type Locale, timeZoneLabels } from '@sidakin/core';

const fallbackZone: IndonesianTimeZone = 'Asia/Jakarta';

function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'id-ID';
}

/** WIB / WITA / WIT for the three Indonesian zones, the IANA name otherwise. */
export function zoneLabel(timeZone: string): string {
  return timeZoneLabels[timeZone as IndonesianTimeZone] ?? timeZone;
}

/** `22 November 2026 09.15 WITA` (English: `22 November 2026 09:15 WITA`). */
export function formatDateTime(
  iso: string | null | undefined,
  timeZone: string = fallbackZone,
  locale: Locale = 'id',
): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const separator = locale === 'en' ? ':' : '.';
  return `${part('day')} ${part('month')} ${part('year')} ${part('hour')}${separator}${part('minute')} ${zoneLabel(timeZone)}`;
}

/** A calendar date (`2026-11-22`) as `22 November 2026`; no time zone shift. */
export function formatDate(isoDate: string | null | undefined, locale: Locale = 'id'): string {
  if (!isoDate) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** Today's date (`YYYY-MM-DD`) in the given time zone. */
export function todayIn(timeZone: string = fallbackZone): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

export function formatNumber(value: number, locale: Locale = 'id'): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

/** NIP as printed on Indonesian documents: `19621205 198502 1 001`. Other input is returned as is. */
export function formatNip(nip: string | null | undefined): string {
  if (!nip) return '—';
  const digits = nip.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(digits)) return nip;
  return `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;
}
