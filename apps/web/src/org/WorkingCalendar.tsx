import { Alert, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { createHolidayBody, type Government, type Holiday, parseClock, updateGovernmentBody } from '@sidakin/core';
import { IconCalendarOff, IconDeviceFloppy, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkingTime } from '../cases/CaseBits';
import { api } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { useForm } from '../lib/form';
import { todayIn } from '../lib/format';
import { errorText, useApiMutation } from '../lib/query';
import { ConfirmModal } from '../ui/ConfirmModal';
import { DataState } from '../ui/DataState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { IconAction, RowActions } from '../ui/RowActions';
import { StaleAlert } from '../ui/StaleAlert';

/** ISO weekdays, Monday (1) to Sunday (7), as the calendar stores them. */
const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
type WeekdayKey = `${(typeof weekdays)[number]}`;

interface CalendarValues extends Record<string, unknown> {
  workDays: string[];
  workStart: string;
  workEnd: string;
}

function calendarValues(g: Government | null): CalendarValues {
  return {
    workDays: (g?.workDays ?? [1, 2, 3, 4, 5]).map(String),
    workStart: g?.workStart ?? '07:30',
    workEnd: g?.workEnd ?? '16:00',
  };
}

const sameCalendar = (a: Government, b: Government) =>
  JSON.stringify(calendarValues(a)) === JSON.stringify(calendarValues(b));

function minutesBetween(start: string, end: string): number | null {
  try {
    const minutes = parseClock(end) - parseClock(start);
    return minutes > 0 ? minutes : null;
  } catch {
    return null;
  }
}

/**
 * Kalender kerja: the days and hours the government's offices work and its holidays. Mutu baku
 * times of every SOP step run on this calendar, in the government's time zone.
 */
export function WorkingCalendarPanel(props: {
  government: Government;
  canEdit: boolean;
  /** The calendar was saved: the record has a new version. */
  onSaved: (government: Government) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="sidakin" variant="light" icon={<IconInfoCircle size={18} />}>
        {t('calendar.intro')}
      </Alert>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <WorkingHoursCard government={props.government} canEdit={props.canEdit} onSaved={props.onSaved} />
        <HolidaysCard government={props.government} canEdit={props.canEdit} />
      </SimpleGrid>
    </Stack>
  );
}

function WorkingHoursCard(props: { government: Government; canEdit: boolean; onSaved: (g: Government) => void }) {
  const { t } = useTranslation();
  const { government, canEdit } = props;
  const form = useForm(calendarValues(government));
  const editor = useRecordEditor({
    form,
    record: government,
    opened: true,
    valuesOf: calendarValues,
    path: '/governments',
    invalidate: [['government', government.id], ['governments'], ['me']],
    onSaved: (saved) => {
      form.reset(calendarValues(saved));
      props.onSaved(saved);
    },
  });
  const { record, setRecord } = editor;

  // Another part of the page saved the record (its profile): take the new version as the one being
  // edited while the calendar in it is still the one loaded, so a calendar change by someone else is
  // still caught.
  useEffect(() => {
    if (record && government.updatedAt !== record.updatedAt && sameCalendar(government, record)) setRecord(government);
  }, [government, record, setRecord]);

  const minutesPerDay = minutesBetween(form.values.workStart, form.values.workEnd);
  // The day's own length in hours and minutes (not "1 hari").
  const format = useWorkingTime(0);

  function submit() {
    const body = form.validate(updateGovernmentBody, {
      workDays: form.values.workDays.map(Number),
      workStart: form.values.workStart,
      workEnd: form.values.workEnd,
      expectedUpdatedAt: editor.expectedUpdatedAt,
    });
    if (body) editor.save(body);
  }

  return (
    <Card withBorder radius="md" padding="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('calendar.hoursTitle')}
          </Title>
          {editor.stale ? <StaleAlert stale={editor.stale} hint={t('stale.formHint')} /> : null}
          {form.formError ? <ErrorAlert error={new Error(form.formError)} title={t('errors.unexpected')} /> : null}
          {canEdit ? (
            <Checkbox.Group
              label={t('calendar.workDays')}
              description={t('calendar.workDaysHint')}
              value={form.values.workDays}
              onChange={(value) => form.setField('workDays', value)}
              error={form.errors.workDays}
            >
              <Group gap="md" mt="xs" wrap="wrap">
                {weekdays.map((day) => (
                  <Checkbox key={day} value={String(day)} label={t(`calendar.days.${day}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          ) : (
            <div>
              <Text size="sm" fw={500}>
                {t('calendar.workDays')}
              </Text>
              <Text size="sm" data-testid="work-days">
                {form.values.workDays.map((day) => t(`calendar.days.${day as WeekdayKey}`)).join(', ')}
              </Text>
            </div>
          )}
          <SimpleGrid cols={{ base: 2 }} spacing="sm">
            <TextInput
              type="time"
              label={t('calendar.workStart')}
              required
              readOnly={!canEdit}
              {...form.text('workStart')}
            />
            <TextInput
              type="time"
              label={t('calendar.workEnd')}
              required
              readOnly={!canEdit}
              {...form.text('workEnd')}
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed" data-testid="working-day-length">
            {minutesPerDay === null
              ? t('calendar.endAfterStart')
              : t('calendar.dayLength', { length: format(minutesPerDay) })}
          </Text>
          {canEdit ? (
            <Group>
              <Button
                type="submit"
                leftSection={<IconDeviceFloppy size={18} />}
                loading={editor.saving}
                disabled={Boolean(editor.stale)}
              >
                {t('calendar.saveHours')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}

function HolidaysCard({ government, canEdit }: { government: Government; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const today = todayIn(government.timeZone);
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(String(thisYear));
  const [removing, setRemoving] = useState<Holiday | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const key = ['government', government.id, 'holidays'] as const;
  const path = `/governments/${government.id}/holidays`;
  const list = useQuery({
    queryKey: [...key, year],
    queryFn: () => api.get<{ items: Holiday[] }>(path, { year }),
  });
  const items = [...(list.data?.items ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const form = useForm({ date: '', name: '' });
  const add = useApiMutation((body: unknown) => api.post<Holiday>(path, body), {
    invalidate: [key],
    successMessage: t('calendar.holidayAdded'),
    onSuccess: (created) => {
      form.reset({ date: '', name: '' });
      const createdYear = created.date.slice(0, 4);
      if (createdYear !== year) setYear(createdYear);
    },
    onError: form.applyError,
  });
  const remove = useApiMutation((holiday: Holiday) => api.delete(`${path}/${holiday.id}`), {
    invalidate: [key],
    successMessage: t('calendar.holidayRemoved'),
    onSuccess: () => setRemoving(null),
    onError: setRemoveError,
  });
  const dateLabel = (iso: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    if (!match) return iso;
    return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
  };
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map(String);

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
          <Title order={2} size="h4">
            {t('calendar.holidaysTitle')}
          </Title>
          <Select
            aria-label={t('calendar.year')}
            data={years}
            value={year}
            onChange={(value) => value && setYear(value)}
            allowDeselect={false}
            w={120}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        {canEdit ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const body = form.validate(createHolidayBody, { date: form.values.date, name: form.values.name });
              if (body) add.mutate(body);
            }}
          >
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                type="date"
                label={t('calendar.holidayDate')}
                required
                w={{ base: '100%', xs: 170 }}
                {...form.text('date')}
              />
              <TextInput
                label={t('calendar.holidayName')}
                placeholder={t('calendar.holidayNamePlaceholder')}
                required
                style={{ flex: '1 1 200px' }}
                {...form.text('name')}
              />
            </Group>
            <Group justify="flex-end" mt="sm">
              <Button type="submit" leftSection={<IconPlus size={16} />} loading={add.isPending}>
                {t('calendar.addHoliday')}
              </Button>
            </Group>
            {form.formError ? (
              <Text size="sm" c="red.8" mt="xs" role="alert">
                {form.formError}
              </Text>
            ) : null}
          </form>
        ) : null}
        <DataState
          loading={list.isLoading}
          error={list.error}
          empty={items.length === 0}
          emptyText={t('calendar.noHolidays', { year })}
        >
          <ul className="holiday-list" aria-label={t('calendar.holidaysOf', { year })}>
            {items.map((h) => (
              <li key={h.id} className="holiday-item">
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Text size="sm" fw={600}>
                    {h.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {dateLabel(h.date)}
                  </Text>
                </div>
                {canEdit ? (
                  <RowActions>
                    <IconAction
                      label={t('calendar.removeHoliday', { name: h.name })}
                      color="red"
                      onClick={() => {
                        setRemoveError(null);
                        setRemoving(h);
                      }}
                    >
                      <IconTrash size={18} />
                    </IconAction>
                  </RowActions>
                ) : null}
              </li>
            ))}
          </ul>
        </DataState>
      </Stack>
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('calendar.removeTitle', { name: removing?.name ?? '' })}
        body={t('calendar.removeBody', { date: removing ? dateLabel(removing.date) : '' })}
        confirmLabel={t('calendar.remove')}
        loading={remove.isPending}
        alert={
          removeError ? (
            <Alert color="red" variant="light" role="alert" icon={<IconCalendarOff size={18} />}>
              {errorText(removeError)}
            </Alert>
          ) : null
        }
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </Card>
  );
}
