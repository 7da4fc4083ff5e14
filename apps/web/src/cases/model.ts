import type {
  CaseSummary,
  CaseTask,
  caseDetail,
  caseEvent,
  caseStatuses,
  FileInfo,
  inboxItem,
  SopDocument,
  SopStep,
  TaskAttachment,
} from '@sidakin/core';
import type { z } from 'zod';

export type CaseStatus = (typeof caseStatuses)[number];
export type CaseDetail = z.infer<typeof caseDetail>;
export type CaseEvent = z.infer<typeof caseEvent>;
export type InboxItem = z.infer<typeof inboxItem>;
export type { CaseSummary, CaseTask, FileInfo, TaskAttachment };

/** The status filter of the case list, as kept in the address bar. */
export const caseStatusFilters = ['open', 'completed', 'cancelled', 'all'] as const;
export type CaseStatusFilter = (typeof caseStatusFilters)[number];

export function isCaseStatusFilter(value: string | null): value is CaseStatusFilter {
  return (caseStatusFilters as readonly string[]).includes(value ?? '');
}

/** Some of the person's positions is among the task's assignees. */
export function isMine(task: Pick<CaseTask, 'assignees' | 'status'>, positionIds: readonly string[]): boolean {
  return task.status === 'open' && task.assignees.some((a) => positionIds.includes(a.positionId));
}

/** Overdue first, then due soon, then by due time (none last), then by opening time. */
export function byUrgency<T extends Pick<CaseTask, 'overdue' | 'dueSoon' | 'dueAt' | 'openedAt'>>(a: T, b: T): number {
  const rank = (x: T) => (x.overdue ? 0 : x.dueSoon ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.dueAt !== b.dueAt) {
    if (!a.dueAt) return 1;
    if (!b.dueAt) return -1;
    return a.dueAt.localeCompare(b.dueAt);
  }
  return a.openedAt.localeCompare(b.openedAt);
}

/** Where a step stands in a case, for one unit (per-unit steps) or for the whole case. */
export type StepState = 'pending' | 'open' | 'done' | 'returned' | 'cancelled';

export interface StepTrack {
  /** The unit of a per-unit step; null for steps done once for the case. */
  unitId: string | null;
  unitName: string | null;
  state: StepState;
  /** The latest task of this step (and unit); null while the step has not been reached. */
  latest: CaseTask | null;
  /** Every task of this step (and unit), oldest first: each return adds a round. */
  rounds: CaseTask[];
}

export interface StepProgress {
  stepNo: number;
  tracks: StepTrack[];
  /** The step has an open task: the case is here now. */
  current: boolean;
}

function stateOf(task: CaseTask | null): StepState {
  if (!task) return 'pending';
  if (task.status === 'open') return 'open';
  if (task.status === 'cancelled') return 'cancelled';
  return task.outcome === 'tidak' ? 'returned' : 'done';
}

const byOpening = (a: CaseTask, b: CaseTask) => a.openedAt.localeCompare(b.openedAt) || a.round - b.round;

/** Each step's tasks grouped by unit, with the state of the latest one. */
export function stepProgress(doc: SopDocument, tasks: CaseTask[]): Map<number, StepProgress> {
  const out = new Map<number, StepProgress>();
  for (const step of doc.steps) {
    const mine = tasks.filter((task) => task.stepNo === step.no).sort(byOpening);
    const groups = new Map<string, CaseTask[]>();
    for (const task of mine) {
      const key = task.unitId ?? '';
      groups.set(key, [...(groups.get(key) ?? []), task]);
    }
    const tracks: StepTrack[] = [...groups.values()].map((rounds) => {
      const latest = rounds[rounds.length - 1] ?? null;
      return {
        unitId: latest?.unitId ?? null,
        unitName: latest?.unitName ?? null,
        state: stateOf(latest),
        latest,
        rounds,
      };
    });
    if (tracks.length === 0) tracks.push({ unitId: null, unitName: null, state: 'pending', latest: null, rounds: [] });
    out.set(step.no, { stepNo: step.no, tracks, current: tracks.some((track) => track.state === 'open') });
  }
  return out;
}

/** The step a decision sends the work back to on "tidak", if any. */
export function returnTarget(doc: SopDocument, stepNo: number): SopStep | undefined {
  const step = doc.steps.find((s) => s.no === stepNo);
  const target = step?.decision?.tidak;
  return target === undefined ? undefined : doc.steps.find((s) => s.no === target);
}

/** Working time split into days (of the government's working day), hours and minutes. */
export function splitWorkingMinutes(minutes: number, minutesPerDay: number) {
  const total = Math.max(0, Math.round(minutes));
  const days = minutesPerDay > 0 ? Math.floor(total / minutesPerDay) : 0;
  const rest = total - days * minutesPerDay;
  return { days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}

/** What the server records with each kind of event (`data`), read defensively. */
export interface EventData {
  stepNo: number | null;
  outcome: string | null;
  reason: string | null;
  /** Steps opened by this act (where the work went next). */
  opened: number[];
  /** Reassignment: positions before and after. */
  from: string[];
  to: string[];
  units: string[];
  period: string | null;
  sopVersion: number | null;
}

export function eventData(data: unknown): EventData {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return {
    stepNo: num(d.stepNo),
    outcome: str(d.outcome),
    reason: str(d.reason),
    opened: list(d.opened).filter((x): x is number => typeof x === 'number'),
    from: list(d.from).filter((x): x is string => typeof x === 'string'),
    to: list(d.to).filter((x): x is string => typeof x === 'string'),
    units: list(d.units).filter((x): x is string => typeof x === 'string'),
    period: str(d.period),
    sopVersion: num(d.sopVersion),
  };
}
