import type { MeResponse, Role } from '@sidakin/core';
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { api } from '../lib/api';

export const meKey = ['me'] as const;

/** The signed-in person, or a 401 ApiError when nobody is. */
export function useMeQuery() {
  return useQuery({
    queryKey: meKey,
    queryFn: () => api.get<MeResponse>('/auth/me', undefined, { quiet401: true }),
    retry: false,
    staleTime: 60_000,
  });
}

const SessionContext = createContext<MeResponse | null>(null);

export function SessionProvider({ me, children }: { me: MeResponse; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

/** The signed-in person; only inside the authenticated part of the app. */
export function useSession(): MeResponse {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside SessionProvider');
  return me;
}

export function isAdmin(role: Role): boolean {
  return role === 'system_admin' || role === 'gov_admin';
}

/** Admins change organisation data; members see the same pages read-only. */
export function useCanEdit(): boolean {
  return isAdmin(useSession().user.role);
}
