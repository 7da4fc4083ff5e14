import {
  Alert,
  Badge,
  Button,
  Card,
  Divider,
  Drawer,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  type Assignment,
  assignmentKinds,
  createAssignmentBody,
  endAssignmentBody,
  type Position,
} from '@sidakin/core';
import { IconAlertTriangle, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, govPath } from '../lib/api';
import { blankToUndefined, useForm } from '../lib/form';
import { formatNip, todayIn } from '../lib/format';
import { govKey, useApiMutation } from '../lib/query';
import { EmployeeSelect } from '../people/EmployeeSelect';
import { useFormatters } from '../shell/government';
import { ErrorAlert } from '../ui/ErrorAlert';

/** Who holds a position: the definitive holder and any Plt/Plh; assign or end assignments. */
export function AssignmentDrawer(props: {
  governmentId: string;
  positionId: string | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const { governmentId, positionId } = props;
  const query = useQuery({
    queryKey: [...govKey(governmentId), 'positions', 'one', positionId],
    queryFn: () => api.get<Position>(govPath(governmentId, `/positions/${positionId}`)),
    enabled: Boolean(positionId),
  });
  const position = query.data;
  const assignments = position ? [...(position.holder ? [position.holder] : []), ...position.acting] : [];

  return (
    <Drawer
      opened={Boolean(positionId)}
      onClose={props.onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title={position ? t('positions.officialsTitle', { name: position.name }) : t('positions.officials')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {query.isLoading ? <Skeleton h={200} /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {position ? (
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            {[position.unitName, position.agencyName].filter(Boolean).join(' · ')}
          </Text>
          <div>
            <Title order={3} size="h5" mb="xs">
              {t('positions.currentHolders')}
            </Title>
            {assignments.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('positions.noAssignments')}
              </Text>
            ) : (
              <Stack gap="sm">
                {assignments.map((a) => (
                  <AssignmentCard
                    key={a.id}
                    governmentId={governmentId}
                    position={position}
                    assignment={a}
                    canEdit={props.canEdit}
                  />
                ))}
              </Stack>
            )}
          </div>
          {props.canEdit ? (
            <>
              <Divider />
              <AssignForm governmentId={governmentId} position={position} />
            </>
          ) : null}
        </Stack>
      ) : null}
    </Drawer>
  );
}

function AssignmentCard(props: { governmentId: string; position: Position; assignment: Assignment; canEdit: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { assignment: a } = props;
  const [ending, setEnding] = useState(false);
  const form = useForm({ endsOn: todayIn(f.timeZone) });
  const end = useApiMutation(
    (body: unknown) =>
      api.post(govPath(props.governmentId, `/positions/${props.position.id}/assignments/${a.id}/end`), body),
    {
      invalidate: [govKey(props.governmentId), ['me']],
      successMessage: t('positions.ended'),
      onSuccess: () => setEnding(false),
      onError: form.applyError,
    },
  );
  return (
    <Card withBorder radius="md" padding="sm" data-testid={`assignment-${a.id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Badge
              color={a.kind === 'definitive' ? 'sidakin' : a.kind === 'plt' ? 'orange' : 'grape'}
              variant="light"
              radius="sm"
            >
              {t(`positions.badge.${a.kind}`)}
            </Badge>
            <Text fw={600}>{a.employeeName}</Text>
          </Group>
          <Text size="xs" c="dimmed" mt={2}>
            {t('employees.nip')} {formatNip(a.employeeNip)}
          </Text>
          <Text size="sm" mt={4}>
            {t('positions.since', { date: f.date(a.startsOn) })}
            {a.endsOn ? ` · ${t('positions.until', { date: f.date(a.endsOn) })}` : ''}
          </Text>
          {a.decreeNumber ? (
            <Text size="sm" c="dimmed">
              {t('positions.decree', { number: a.decreeNumber })}
            </Text>
          ) : null}
        </div>
        {props.canEdit && !ending ? (
          <Button
            size="xs"
            variant="light"
            color="red"
            style={{ flexShrink: 0 }}
            aria-label={t('positions.endNamed', { name: a.employeeName })}
            onClick={() => setEnding(true)}
          >
            {t('positions.end')}
          </Button>
        ) : null}
      </Group>
      {ending ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const body = form.validate(endAssignmentBody, { endsOn: form.values.endsOn });
            if (body) end.mutate(body);
          }}
        >
          <Stack gap="xs" mt="sm">
            {form.formError ? (
              <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={16} />}>
                {form.formError}
              </Alert>
            ) : null}
            <Group align="flex-end" gap="xs" wrap="wrap">
              <TextInput type="date" label={t('positions.endOn')} required {...form.text('endsOn')} />
              <Button type="submit" color="red" loading={end.isPending}>
                {t('positions.end')}
              </Button>
              <Button variant="default" onClick={() => setEnding(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}

function AssignForm({ governmentId, position }: { governmentId: string; position: Position }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const initial = () => ({
    employeeId: null as string | null,
    kind: (position.holder ? 'plt' : 'definitive') as string | null,
    startsOn: todayIn(f.timeZone),
    endsOn: '',
    decreeNumber: '',
  });
  const form = useForm(initial());
  const [formKey, setFormKey] = useState(0);
  const { reset } = form;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a different position starts a fresh form
  useEffect(() => reset(initial()), [position.id]);

  const assign = useApiMutation(
    (body: unknown) => api.post(govPath(governmentId, `/positions/${position.id}/assignments`), body),
    {
      invalidate: [govKey(governmentId), ['me']],
      successMessage: t('positions.assigned'),
      onSuccess: () => {
        reset(initial());
        setFormKey((k) => k + 1);
      },
      onError: form.applyError,
    },
  );

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const v = form.values;
        const body = form.validate(createAssignmentBody, {
          employeeId: v.employeeId ?? undefined,
          kind: v.kind ?? undefined,
          startsOn: v.startsOn,
          endsOn: blankToUndefined(v.endsOn),
          decreeNumber: v.decreeNumber,
        });
        if (body) assign.mutate(body);
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('positions.assignTitle')}
        </Title>
        {form.formError ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={16} />}>
            {form.formError}
          </Alert>
        ) : null}
        <EmployeeSelect key={formKey} label={t('positions.employee')} required {...form.select('employeeId')} />
        <Select
          label={t('positions.assignmentKind')}
          required
          allowDeselect={false}
          data={assignmentKinds.map((kind) => ({ value: kind, label: t(`positions.assignmentKinds.${kind}`) }))}
          comboboxProps={{ withinPortal: true }}
          {...form.select('kind')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('positions.startsOn')} required {...form.text('startsOn')} />
          <TextInput
            type="date"
            label={t('positions.endsOn')}
            description={t('positions.endsOnDescription')}
            required={form.values.kind !== 'definitive'}
            {...form.text('endsOn')}
          />
        </SimpleGrid>
        <TextInput
          label={t('positions.decreeNumber')}
          placeholder={t('positions.decreePlaceholder')}
          {...form.text('decreeNumber')}
        />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={assign.isPending}>
            {t('positions.assign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
