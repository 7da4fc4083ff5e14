import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setLocale } from '../lib/i18n';

/** ID / EN; the choice is kept in localStorage `sidakin.locale` and sent as Accept-Language. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      value={i18n.language === 'en' ? 'en' : 'id'}
      onChange={(value) => {
        setLocale(value === 'en' ? 'en' : 'id');
        // Texts that come from the server (messages) follow the new language.
        void client.invalidateQueries();
      }}
      data={[
        { value: 'id', label: <span title={t('language.idLong')}>{t('language.id')}</span> },
        { value: 'en', label: <span title={t('language.enLong')}>{t('language.en')}</span> },
      ]}
    />
  );
}
