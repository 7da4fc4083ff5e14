import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { CorrectionMeeting, Employee, Page } from '@sidakin/core';
import { IconDeviceFloppy, IconFileText, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileUrl } from '../cases/queries';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation } from '../lib/query';
import { useFormatters } from '../shell/government';
import { type Correction, correctionPath, correctionsKey } from './queries';

/** The agency's people, for invitations (name and NIP). */
function useAgencyPeople(governmentId: string, agencyId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['correction-people', governmentId, agencyId],
    queryFn: () => api.get<Page<Employee>>(govPath(governmentId, '/employees'), { agencyId, pageSize: 100 }),
    enabled,
  });
}

/** Setting up the rapat of the open meeting step: when, where, the agenda and the invitees. */
export function NewMeetingCard(props: { governmentId: string; correction: Correction; taskId: string }) {
  const { t } = useTranslation();
  const people = useAgencyPeople(props.governmentId, props.correction.agencyId, true);
  const form = useForm({ startsAt: '', endsAt: '', place: '', agenda: '', invitees: [] as string[] });
  const create = useApiMutation(
    (body: Record<string, unknown>) =>
      api.post<Correction>(correctionPath(props.governmentId, props.correction.id, '/meetings'), body),
    {
      invalidate: [correctionsKey(props.governmentId)],
      successMessage: t('corrections.meetingCreated'),
      onError: form.applyError,
    },
  );
  return (
    <Card component="section" withBorder radius="md" padding="md" aria-label={t('corrections.meetingSetup')}>
      <Title order={2} size="h4" mb="xs">
        <Group gap={6} component="span">
          <IconUsersGroup size={20} aria-hidden /> {t('corrections.meetingSetup')}
        </Group>
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!form.values.startsAt) {
            form.setErrors({ startsAt: t('validation.required') });
            return;
          }
          create.mutate({
            taskId: props.taskId,
            startsAt: new Date(form.values.startsAt).toISOString(),
            ...(form.values.endsAt ? { endsAt: new Date(form.values.endsAt).toISOString() } : {}),
            place: form.values.place,
            agenda: form.values.agenda,
            invitees: form.values.invitees,
          });
        }}
      >
        <Stack gap="sm">
          {form.formError ? (
            <Text c="red.7" size="sm" role="alert">
              {form.formError}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="datetime-local" label={t('corrections.startsAt')} required {...form.text('startsAt')} />
            <TextInput type="datetime-local" label={t('corrections.endsAt')} {...form.text('endsAt')} />
          </SimpleGrid>
          <TextInput label={t('corrections.place')} required {...form.text('place')} />
          <Textarea label={t('corrections.agenda')} required autosize minRows={2} {...form.text('agenda')} />
          <MultiSelect
            label={t('corrections.invitees')}
            required
            searchable
            data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.fullName} (${p.nip})` }))}
            value={form.values.invitees}
            onChange={(v) => form.setField('invitees', v)}
            error={form.errors.invitees}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} leftSection={<IconFileText size={18} />}>
              {t('corrections.createMeeting')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** A rapat: its facts and documents; while its step is open, the attendance, minutes and decisions. */
export function MeetingCard(props: {
  governmentId: string;
  correction: Correction;
  meeting: CorrectionMeeting;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { meeting } = props;
  const [present, setPresent] = useState(() =>
    Object.fromEntries(meeting.participants.map((p) => [p.employeeId, p.present ?? false])),
  );
  const form = useForm({ minutes: meeting.minutes, decisions: meeting.decisions });
  const save = useApiMutation(
    () =>
      api.patch<Correction>(correctionPath(props.governmentId, props.correction.id, `/meetings/${meeting.id}`), {
        minutes: form.values.minutes,
        decisions: form.values.decisions,
        attendance: Object.entries(present).map(([employeeId, p]) => ({ employeeId, present: p })),
        expectedUpdatedAt: meeting.updatedAt,
      }),
    {
      invalidate: [correctionsKey(props.governmentId)],
      successMessage: t('corrections.meetingSaved'),
      onError: form.applyError,
    },
  );
  return (
    <Card withBorder radius="md" padding="md" aria-label={t('corrections.meetingOf', { step: meeting.stepNo })}>
      <Group justify="space-between" align="flex-start" wrap="wrap" mb="xs">
        <div>
          <Title order={2} size="h4">
            {t('corrections.meetingOf', { step: meeting.stepNo })}
          </Title>
          <Text size="sm">
            {f.dateTime(meeting.startsAt)} · {meeting.place}
          </Text>
          <Text size="sm" c="dimmed">
            {meeting.agenda}
          </Text>
        </div>
        <Group gap="xs">
          {meeting.invitationFileId ? (
            <Anchor href={fileUrl(props.governmentId, meeting.invitationFileId)} target="_blank" size="sm">
              {t('corrections.invitation')}
            </Anchor>
          ) : null}
          {meeting.minutesFileId ? (
            <Anchor href={fileUrl(props.governmentId, meeting.minutesFileId)} target="_blank" size="sm">
              {t('corrections.minutesPdf')}
            </Anchor>
          ) : null}
        </Group>
      </Group>
      <Text size="sm" fw={600} mb={4}>
        {t('corrections.participants')}
      </Text>
      <Stack gap={4} mb="sm">
        {meeting.participants.map((p) =>
          props.editable ? (
            <Checkbox
              key={p.employeeId}
              label={`${p.name}${p.positionTitle ? ` — ${p.positionTitle}` : ''}`}
              checked={present[p.employeeId] ?? false}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setPresent((prev) => ({ ...prev, [p.employeeId]: checked }));
              }}
            />
          ) : (
            <Text key={p.employeeId} size="sm">
              {p.present ? '✓' : p.present === false ? '✗' : '·'} {p.name}
              {p.positionTitle ? ` — ${p.positionTitle}` : ''}
            </Text>
          ),
        )}
      </Stack>
      {props.editable ? (
        <Stack gap="sm">
          {form.formError ? (
            <Text c="red.7" size="sm" role="alert">
              {form.formError}
            </Text>
          ) : null}
          <Textarea label={t('corrections.minutes')} autosize minRows={3} {...form.text('minutes')} />
          <Textarea label={t('corrections.decisions')} autosize minRows={2} {...form.text('decisions')} />
          <Group justify="flex-end">
            <Button
              variant="light"
              loading={save.isPending}
              onClick={() => save.mutate(undefined)}
              leftSection={<IconDeviceFloppy size={18} />}
            >
              {t('corrections.saveMeeting')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <>
          <Text size="sm" fw={600}>
            {t('corrections.decisions')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {meeting.decisions || '—'}
          </Text>
        </>
      )}
    </Card>
  );
}
