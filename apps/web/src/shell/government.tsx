import { useLocalStorage } from '@mantine/hooks';
import type { Government, Locale, Page } from '@sidakin/core';
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { api } from '../lib/api';
import { formatDate, formatDateTime } from '../lib/format';

export interface GovernmentInView {
  id: string;
  name: string;
  timeZone: string;
}

interface GovernmentContextValue {
  /** The government whose data the pages show: the user's own, or the system admin's choice. */
  government: GovernmentInView | null;
  /** All governments, for the system admin's picker (empty for everyone else). */
  choices: Government[];
  choicesLoading: boolean;
  setGovernmentId: (id: string | null) => void;
}

const GovernmentContext = createContext<GovernmentContextValue | null>(null);

export const governmentsPickerKey = ['governments', 'picker'] as const;

export function GovernmentProvider({ children }: { children: ReactNode }) {
  const me = useSession();
  const isSystemAdmin = me.user.role === 'system_admin';
  const [selectedId, setSelectedId] = useLocalStorage<string | null>({
    key: 'sidakin.governmentId',
    defaultValue: null,
    getInitialValueInEffect: false,
  });
  const list = useQuery({
    queryKey: governmentsPickerKey,
    queryFn: () => api.get<Page<Government>>('/governments', { pageSize: 100, active: 'all' }),
    enabled: isSystemAdmin,
  });

  const value = useMemo<GovernmentContextValue>(() => {
    if (!isSystemAdmin) {
      return {
        government: me.government,
        choices: [],
        choicesLoading: false,
        setGovernmentId: () => {},
      };
    }
    const items = list.data?.items ?? [];
    const chosen =
      items.find((g) => g.id === selectedId) ??
      items.find((g) => g.id === me.government?.id) ??
      items.find((g) => g.active) ??
      null;
    return {
      government: chosen ? { id: chosen.id, name: chosen.name, timeZone: chosen.timeZone } : null,
      choices: items,
      choicesLoading: list.isLoading,
      setGovernmentId: setSelectedId,
    };
  }, [isSystemAdmin, me.government, list.data, list.isLoading, selectedId, setSelectedId]);

  return <GovernmentContext.Provider value={value}>{children}</GovernmentContext.Provider>;
}

export function useGovernment(): GovernmentContextValue {
  const value = useContext(GovernmentContext);
  if (!value) throw new Error('useGovernment outside GovernmentProvider');
  return value;
}

/** Date and time formatters in the current language and the government's time zone. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const context = useContext(GovernmentContext);
  const locale: Locale = i18n.language === 'en' ? 'en' : 'id';
  const timeZone = context?.government?.timeZone ?? 'Asia/Jakarta';
  return {
    locale,
    timeZone,
    dateTime: (iso: string | null | undefined, zone: string = timeZone) => formatDateTime(iso, zone, locale),
    date: (isoDate: string | null | undefined) => formatDate(isoDate, locale),
  };
}
