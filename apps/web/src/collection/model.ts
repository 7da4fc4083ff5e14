import {
  achievement,
  type CollectionPeriod,
  type CollectionRow,
  type Locale,
  type SubmissionStatus,
} from '@sidakin/core';
import { decimalToSend, formatDecimal } from '../plans/model';

/** Badge colour of a unit form's state. */
export const submissionColors: Record<SubmissionStatus, string> = {
  draft: 'gray',
  completed: 'blue',
  approved: 'teal',
  returned: 'orange',
};

/** A period's state as people read it: locked, in its entry window, not yet open, or past it. */
export function periodPhase(period: CollectionPeriod, today: string): 'locked' | 'open' | 'upcoming' | 'closed' {
  if (period.status === 'locked') return 'locked';
  if (today < period.opensOn) return 'upcoming';
  if (today > period.closesOn) return 'closed';
  return 'open';
}

export const phaseColors = { locked: 'dark', open: 'teal', upcoming: 'gray', closed: 'orange' } as const;

/** The address of a unit's form (`agency` for the agency's own agreement). */
export function formHref(periodId: string, unitId: string | null): string {
  return `/pengumpulan/${periodId}/formulir/${unitId ?? 'agency'}`;
}

/** A row's identity on the form: the indicator (with its unit) or the individual indicator. */
export function rowKey(row: Pick<CollectionRow, 'indicatorId' | 'individualIndicatorId' | 'unitId'>): string {
  return row.indicatorId ? `i:${row.indicatorId}:${row.unitId ?? 'agency'}` : `k:${row.individualIndicatorId}`;
}

/**
 * Achievement as the person types, with the same rule the server uses (DESIGN §5, in core), so
 * the cell shows the figure before the save returns. Null while the text is not a number.
 */
export function liveAchievement(row: CollectionRow, text: string, locale: Locale): string | null {
  if (!text.trim()) return null;
  const parsed = decimalToSend(text, locale);
  if (!parsed.ok || !/^-?\d+(\.\d+)?$/.test(parsed.value)) return null;
  const result = achievement({
    direction: row.direction,
    lowerBetterFormula: row.lowerBetterFormula,
    target: row.target,
    actual: parsed.value,
  });
  return result.value;
}

/** "95,25 %" / "95.25 %"; a dash without a figure. */
export function formatPercent(value: string | null, locale: Locale): string {
  return value === null ? '—' : `${formatDecimal(value, 2, locale)} %`;
}
