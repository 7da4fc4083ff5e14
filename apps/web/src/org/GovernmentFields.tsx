import { Select, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';
import { type Government, governmentKinds, indonesianTimeZones } from '@sidakin/core';
import { useTranslation } from 'react-i18next';
import { blankToUndefined, type FormApi } from '../lib/form';

export interface GovernmentValues extends Record<string, unknown> {
  code: string;
  name: string;
  kind: string | null;
  region: string;
  province: string;
  timeZone: string | null;
  address: string;
  phone: string;
  email: string;
  website: string;
  /** One kop surat line per text line. */
  letterheadLines: string;
  requireAdminTotp: boolean;
}

export function governmentValues(g?: Government): GovernmentValues {
  return {
    code: g?.code ?? '',
    name: g?.name ?? '',
    kind: g?.kind ?? 'kabupaten',
    region: g?.region ?? '',
    province: g?.province ?? '',
    timeZone: g?.timeZone ?? 'Asia/Jakarta',
    address: g?.address ?? '',
    phone: g?.phone ?? '',
    email: g?.email ?? '',
    website: g?.website ?? '',
    letterheadLines: (g?.letterheadLines ?? []).join('\n'),
    requireAdminTotp: g?.requireAdminTotp ?? false,
  };
}

export function letterheadLinesOf(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The request body (create or update) for the values; the contract validates it. */
export function governmentBody(values: GovernmentValues, mode: 'create' | 'edit') {
  return {
    ...(mode === 'create' ? { code: values.code.trim() } : {}),
    name: values.name,
    kind: values.kind ?? undefined,
    region: values.region,
    province: values.province,
    timeZone: values.timeZone ?? undefined,
    address: values.address,
    phone: values.phone,
    email: blankToUndefined(values.email) ?? '',
    website: blankToUndefined(values.website) ?? '',
    letterheadLines: letterheadLinesOf(values.letterheadLines),
    requireAdminTotp: values.requireAdminTotp,
  };
}

export function GovernmentIdentityFields({
  form,
  mode,
  readOnly,
}: {
  form: FormApi<GovernmentValues>;
  mode: 'create' | 'edit';
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('governments.name')}
        placeholder={t('governments.namePlaceholder')}
        required
        readOnly={readOnly}
        {...form.text('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {mode === 'create' ? (
          <TextInput
            label={t('governments.code')}
            description={t('governments.codeDescription')}
            required
            autoCapitalize="none"
            {...form.text('code')}
          />
        ) : (
          <TextInput label={t('governments.code')} value={form.values.code} readOnly disabled />
        )}
        <Select
          label={t('governments.kind')}
          required
          readOnly={readOnly}
          allowDeselect={false}
          data={governmentKinds.map((kind) => ({ value: kind, label: t(`governments.kinds.${kind}`) }))}
          {...form.select('kind')}
        />
        <TextInput label={t('governments.region')} readOnly={readOnly} {...form.text('region')} />
        <TextInput label={t('governments.province')} readOnly={readOnly} {...form.text('province')} />
        <Select
          label={t('governments.timeZone')}
          required
          readOnly={readOnly}
          allowDeselect={false}
          data={indonesianTimeZones.map((zone) => ({ value: zone, label: t(`governments.zones.${zone}`) }))}
          {...form.select('timeZone')}
        />
      </SimpleGrid>
    </>
  );
}

export function GovernmentContactFields({ form, readOnly }: { form: FormApi<GovernmentValues>; readOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Textarea label={t('governments.address')} autosize minRows={2} readOnly={readOnly} {...form.text('address')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('governments.phone')} type="tel" readOnly={readOnly} {...form.text('phone')} />
        <TextInput label={t('governments.email')} type="email" readOnly={readOnly} {...form.text('email')} />
        <TextInput
          label={t('governments.website')}
          type="url"
          placeholder="https://"
          readOnly={readOnly}
          {...form.text('website')}
        />
      </SimpleGrid>
    </>
  );
}

export function LetterheadField({ form, readOnly }: { form: FormApi<GovernmentValues>; readOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t('governments.letterheadLines')}
      description={t('governments.letterheadDescription')}
      autosize
      minRows={4}
      maxRows={8}
      readOnly={readOnly}
      {...form.text('letterheadLines')}
    />
  );
}

export function RequireTotpField({ form, readOnly }: { form: FormApi<GovernmentValues>; readOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <Switch
      label={t('governments.requireAdminTotp')}
      description={t('governments.requireAdminTotpDescription')}
      disabled={readOnly}
      {...form.checkbox('requireAdminTotp')}
    />
  );
}
