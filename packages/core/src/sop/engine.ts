import { actionKindInfo } from './action-kinds.js';
import type { SopDocument, SopStep } from './schema.js';
import { successors } from './validate.js';

/**
 * The SOP engine as a pure state machine: a case's tasks, and what completing one of them does.
 * The server stores the state and the history; everything about routing is decided here.
 */

export type TaskStatus = 'open' | 'done' | 'cancelled';
export type Outcome = 'done' | 'ya' | 'tidak';

export interface EngineTask {
  id: string;
  stepNo: number;
  /** The unit this task is for, on per-unit steps; null otherwise. */
  unit: string | null;
  status: TaskStatus;
  outcome: Outcome | null;
  /** How many times this step (for this unit) has been opened in the case, starting at 1. */
  round: number;
}

export interface EngineState {
  status: 'open' | 'completed' | 'cancelled';
  /** The units in scope, for per-unit steps. */
  units: string[];
  tasks: EngineTask[];
}

export type EngineError =
  | { code: 'TASK_NOT_FOUND' }
  | { code: 'TASK_NOT_OPEN' }
  | { code: 'CASE_NOT_OPEN' }
  | { code: 'OUTCOME_NOT_ALLOWED'; allowed: Outcome[] }
  | { code: 'NO_UNITS' };

export type EngineResult = { ok: true; state: EngineState; opened: EngineTask[] } | { ok: false; error: EngineError };

function stepOf(doc: SopDocument, no: number): { step: SopStep; index: number } {
  const index = doc.steps.findIndex((s) => s.no === no);
  if (index < 0) throw new Error(`step ${no} does not exist`);
  return { step: doc.steps[index]!, index };
}

/** The outcomes a task of this step may be completed with. */
export function allowedOutcomes(doc: SopDocument, stepNo: number): Outcome[] {
  const { step } = stepOf(doc, stepNo);
  return step.decision || actionKindInfo(step.action)?.decision ? ['ya', 'tidak'] : ['done'];
}

function open(state: EngineState, doc: SopDocument, stepNo: number, units: (string | null)[]): EngineTask[] {
  const opened: EngineTask[] = [];
  for (const unit of units) {
    const round = state.tasks.filter((t) => t.stepNo === stepNo && t.unit === unit).length + 1;
    const task: EngineTask = {
      id: `t${state.tasks.length + 1}`,
      stepNo,
      unit,
      status: 'open',
      outcome: null,
      round,
    };
    state.tasks.push(task);
    opened.push(task);
  }
  void doc;
  return opened;
}

function unitsFor(doc: SopDocument, stepNo: number, state: EngineState, fromUnit: string | null): (string | null)[] {
  const { step } = stepOf(doc, stepNo);
  if (!step.perUnit) return [null];
  // Within a branch the same unit goes on; entering a per-unit step from outside fans out to all.
  return fromUnit !== null ? [fromUnit] : [...state.units];
}

/** Starts a case: opens the first step (once per unit when it is a per-unit step). */
export function startCase(doc: SopDocument, opts: { units?: string[] } = {}): EngineResult {
  const state: EngineState = { status: 'open', units: [...(opts.units ?? [])], tasks: [] };
  const first = doc.steps[0]!;
  if (first.perUnit && state.units.length === 0) return { ok: false, error: { code: 'NO_UNITS' } };
  const opened = open(state, doc, first.no, unitsFor(doc, first.no, state, null));
  return { ok: true, state, opened };
}

/**
 * Completes an open task with an outcome and opens what follows: the next step, the step a
 * decision names, or (after the last per-unit step of every unit) the step that joins them.
 * `units` narrows a return into a per-unit step to some units (default: all in scope).
 */
export function completeTask(
  doc: SopDocument,
  prev: EngineState,
  taskId: string,
  outcome: Outcome,
  opts: { units?: string[] } = {},
): EngineResult {
  if (prev.status !== 'open') return { ok: false, error: { code: 'CASE_NOT_OPEN' } };
  const state: EngineState = { ...prev, units: [...prev.units], tasks: prev.tasks.map((t) => ({ ...t })) };
  const task = state.tasks.find((t) => t.id === taskId);
  if (!task) return { ok: false, error: { code: 'TASK_NOT_FOUND' } };
  if (task.status !== 'open') return { ok: false, error: { code: 'TASK_NOT_OPEN' } };
  const allowed = allowedOutcomes(doc, task.stepNo);
  if (!allowed.includes(outcome)) return { ok: false, error: { code: 'OUTCOME_NOT_ALLOWED', allowed } };

  task.status = 'done';
  task.outcome = outcome;
  const { step, index } = stepOf(doc, task.stepNo);
  let nextNo: number | undefined;
  if (step.decision) nextNo = outcome === 'tidak' ? step.decision.tidak : step.decision.ya;
  else nextNo = successors(doc, index)[0];

  const opened: EngineTask[] = [];
  if (nextNo === undefined) {
    // The end of the procedure: the case completes once nothing else is open.
    if (!state.tasks.some((t) => t.status === 'open')) state.status = 'completed';
    return { ok: true, state, opened };
  }
  const next = stepOf(doc, nextNo).step;
  if (next.perUnit) {
    const targets = step.perUnit
      ? [task.unit]
      : (opts.units?.length ? opts.units : state.units).filter((u) => state.units.includes(u));
    if (targets.length === 0) return { ok: false, error: { code: 'NO_UNITS' } };
    opened.push(...open(state, doc, next.no, targets));
    return { ok: true, state, opened };
  }
  if (step.perUnit) {
    // Leaving a branch: the join opens when no unit still has per-unit work open.
    const branchOpen = state.tasks.some((t) => t.status === 'open' && t.unit !== null);
    const joinOpen = state.tasks.some((t) => t.status === 'open' && t.stepNo === next.no);
    if (branchOpen || joinOpen) return { ok: true, state, opened };
  }
  opened.push(...open(state, doc, next.no, [null]));
  return { ok: true, state, opened };
}

/** Cancels the case: every open task is cancelled. */
export function cancelCase(prev: EngineState): EngineResult {
  if (prev.status !== 'open') return { ok: false, error: { code: 'CASE_NOT_OPEN' } };
  const tasks = prev.tasks.map((t) => (t.status === 'open' ? { ...t, status: 'cancelled' as const } : { ...t }));
  return { ok: true, state: { ...prev, status: 'cancelled', tasks }, opened: [] };
}

export function openTasks(state: EngineState): EngineTask[] {
  return state.tasks.filter((t) => t.status === 'open');
}
