import type { Agreement, AgreementDetail, IndividualIndicator, Page, PlanTree } from '@sidakin/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, govPath } from '../lib/api';
import { govKey } from '../lib/query';

/** Every plan query starts with this key; plan writes invalidate it (agreements read the plan). */
export function plansKey(governmentId: string) {
  return [...govKey(governmentId), 'plans'] as const;
}

export function agreementsKey(governmentId: string) {
  return [...govKey(governmentId), 'performance-agreements'] as const;
}

export function planPath(governmentId: string, planId: string, rest = ''): string {
  return govPath(governmentId, `/plans/${planId}${rest}`);
}

export function agreementPath(governmentId: string, agreementId: string, rest = ''): string {
  return govPath(governmentId, `/performance-agreements/${agreementId}${rest}`);
}

/** The current language as the formatters want it. */
export function useLocale(): 'id' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'id';
}

export function usePlanTree(governmentId: string, planId: string, showInactive: boolean) {
  return useQuery({
    queryKey: [...plansKey(governmentId), 'tree', planId, showInactive],
    queryFn: () => api.get<PlanTree>(planPath(governmentId, planId), { active: showInactive ? 'all' : 'true' }),
  });
}

export function useAgreement(governmentId: string, agreementId: string) {
  return useQuery({
    queryKey: [...agreementsKey(governmentId), 'one', agreementId],
    queryFn: () => api.get<AgreementDetail>(agreementPath(governmentId, agreementId)),
  });
}

export function useAgreementVersions(governmentId: string, agreementId: string) {
  return useQuery({
    queryKey: [...agreementsKey(governmentId), 'versions', agreementId],
    queryFn: () => api.get<{ items: Agreement[] }>(agreementPath(governmentId, agreementId, '/versions')),
  });
}

/** The agreements in force for a plan and year (to link a plan to its agreements). */
export function useAgreementsOf(governmentId: string, filters: { planId?: string; year?: number | null }) {
  return useQuery({
    queryKey: [...agreementsKey(governmentId), 'of', filters],
    queryFn: () =>
      api.get<Page<Agreement>>(govPath(governmentId, '/performance-agreements'), {
        planId: filters.planId,
        year: filters.year ?? undefined,
        pageSize: 100,
      }),
    enabled: Boolean(filters.planId),
  });
}

export function useEmployeeIndicators(governmentId: string, employeeId: string, year: number | null) {
  return useQuery({
    queryKey: [...govKey(governmentId), 'individual-indicators', 'employee', employeeId, year],
    queryFn: () =>
      api.get<Page<IndividualIndicator>>(govPath(governmentId, '/individual-indicators'), {
        employeeId,
        year: year ?? undefined,
        pageSize: 100,
        active: 'all',
      }),
  });
}
