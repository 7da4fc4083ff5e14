import type { SopDocument, SopStep } from '@sidakin/core';
import type { Tx } from '../../db/database.js';
import type { Actor, RequestContext } from '../../http/context.js';

/**
 * How domain modules give an SOP step its meaning. The engine is generic: a step names an action
 * kind, and a module registers what that kind does for SOPs of a kind (e.g. for a collection SOP,
 * "enter-data" checks that the unit's form is complete; "review" approves or returns it; the last
 * step locks the period). A handler runs inside the transaction that completes the task: when it
 * throws, nothing of the completion happens. A kind nobody handles runs as a plain task.
 */
export interface StepActionContext {
  tx: Tx;
  ctx: RequestContext;
  actor: Actor;
  /** The position the person completes the task in (a Plt/Plh acts in the position held). */
  position: { id: string; name: string };
  governmentId: string;
  caseId: string;
  agencyId: string;
  caseUnits: string[];
  /** What the case is about in its domain (e.g. a collection period), when a module started it. */
  link: CaseLink | null;
  doc: SopDocument;
  step: SopStep;
  task: { id: string; unitId: string | null; stepNo: number };
  outcome: 'done' | 'ya' | 'tidak';
  reason: string | undefined;
  /** The note the person wrote on completing the task ('' when none). */
  comment: string;
  /** On a return into per-unit steps, the units that work again (all in scope when absent). */
  returnUnits: string[] | undefined;
  /** No step follows: completing this task closes the case. */
  closesCase: boolean;
}

export interface StepActionResult {
  /** Documents the step produced (files with source 'system'), named as its outputs. */
  attachments?: { fileId: string; output: string }[];
  /** What the module did, kept with the case event. */
  data?: Record<string, unknown>;
}

export type StepActionHandler = (a: StepActionContext) => Promise<StepActionResult | undefined>;

/** Checked before a case of an SOP of this kind starts (e.g. a collection needs its period). */
export type CaseStartGuard = (a: {
  tx: Tx;
  governmentId: string;
  agencyId: string;
  doc: SopDocument;
  unitIds: string[];
  link: CaseLink | null;
}) => Promise<void>;

export interface CaseLink {
  kind: string;
  id: string;
}

const handlers = new Map<string, StepActionHandler>();
const guards = new Map<string, CaseStartGuard>();

export function onStepAction(sopKind: string, action: string, handler: StepActionHandler): void {
  handlers.set(`${sopKind}:${action}`, handler);
}

export function stepActionHandler(sopKind: string, action: string): StepActionHandler | undefined {
  return handlers.get(`${sopKind}:${action}`);
}

export function onCaseStart(sopKind: string, guard: CaseStartGuard): void {
  guards.set(sopKind, guard);
}

export function caseStartGuard(sopKind: string): CaseStartGuard | undefined {
  return guards.get(sopKind);
}

/**
 * Told when a case closes (its last step completed), inside the completing transaction, after the
 * case row has its final state and the completion is on record; a throw undoes the
 * completion. Any number of listeners (e.g. the archive files the case's record).
 */
export type CaseClosedListener = (a: {
  tx: Tx;
  ctx: RequestContext;
  actor: Actor;
  governmentId: string;
  caseId: string;
  doc: SopDocument;
}) => Promise<void>;
const closedListeners: CaseClosedListener[] = [];
export function onCaseClosed(listener: CaseClosedListener): void {
  if (!closedListeners.includes(listener)) closedListeners.push(listener);
}
export function caseClosedListeners(): readonly CaseClosedListener[] {
  return closedListeners;
}
