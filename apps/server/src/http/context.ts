import type { Locale, Role } from '@sidakin/core';

/** The signed-in person, as loaded from their session for one request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  governmentId: string | null;
  employeeId: string | null;
  sessionId: string;
  csrfToken: string;
  /** The position the person acts in for this request (their own or a Plt/Plh one). */
  actingPositionId: string | null;
  actingPositionName: string | null;
  /** The government requires two-step verification for admins and this admin has none yet. */
  totpSetupRequired: boolean;
  /** The password was set by an administrator and must be changed before anything else. */
  mustChangePassword: boolean;
}

/** What a service needs to know about the caller: who, from where, in which language. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  locale: Locale;
}

/** A context for work started by the system itself (CLI, demo loader, migrations). */
export function systemContext(label = 'system'): RequestContext {
  return { actor: null, ip: null, userAgent: label, locale: 'id' };
}
