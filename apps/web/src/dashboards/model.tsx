import { Badge, Text } from '@mantine/core';
import type { Dashboard, DashboardIndicator, Locale } from '@sidakin/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../plans/model';

type Band = Dashboard['bands'][number];
type Target = DashboardIndicator['target'];

/** A category in the words and colour of the scale it was measured by. */
export function CategoryBadge({ bands, category }: { bands: Band[]; category: string | null }) {
  const { i18n } = useTranslation();
  if (!category)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const band = bands.find((b) => b.key === category);
  return (
    <Badge color={band?.color ?? 'gray'} variant="light" radius="sm">
      {band ? (i18n.language === 'en' ? band.label.en : band.label.id) : category}
    </Badge>
  );
}

/** "80" or "80–90", in the reader's number format. */
export function formatTarget(target: Target, decimals: number, locale: Locale): string {
  if (!target) return '—';
  if (target.value !== null) return formatDecimal(target.value, decimals, locale);
  if (target.low !== null && target.high !== null)
    return `${formatDecimal(target.low, decimals, locale)}–${formatDecimal(target.high, decimals, locale)}`;
  return '—';
}

/** The form of a period with the value's drawer open on its history (the value's history and evidence). */
export function historyLink(drill: DashboardIndicator['drill'][number], indicatorId: string): string {
  return `/pengumpulan/${drill.periodId}/formulir/${drill.unit}?nilai=${indicatorId}&tab=riwayat`;
}

/** The drill-down of an indicator's year: the latest period with a value entered, else the latest period. */
export function latestDrill(i: DashboardIndicator): DashboardIndicator['drill'][number] | undefined {
  return [...i.drill].reverse().find((d) => d.valueId) ?? i.drill.at(-1);
}

/** The drill-down of quarter `q` (0-based): its own period, or the last month of it with a value. */
export function quarterDrill(i: DashboardIndicator, q: number): DashboardIndicator['drill'][number] | undefined {
  const own = i.drill.find((d) => d.period === `q${q + 1}`);
  if (own) return own;
  const months = i.drill.filter((d) => {
    const m = /^m(\d\d)$/.exec(d.period);
    return m ? Math.floor((Number(m[1]) - 1) / 3) === q : false;
  });
  return [...months].reverse().find((d) => d.valueId) ?? months.at(-1);
}

/** A duration given in days, in the unit that reads best: days, hours or minutes. */
export function formatDays(value: number | null, t: TFunction, locale: Locale): string {
  if (value === null) return '—';
  const fmt = (n: number) => n.toLocaleString(locale === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: 1 });
  if (value >= 1) return t('dashboard.days', { n: fmt(value) });
  if (value * 24 >= 1) return t('dashboard.hours', { n: fmt(value * 24) });
  return t('dashboard.minutes', { n: fmt(Math.max(value * 24 * 60, 0)) });
}

export const quarterNames = ['I', 'II', 'III', 'IV'] as const;
