import type { LocalizedText } from '../messages.js';

/** What the engine needs to know about an action kind; domain modules add behaviour by kind. */
export interface ActionKindInfo {
  label: LocalizedText;
  /** A decision step: completing it answers ya / tidak, and "tidak" routes back with a reason. */
  decision: boolean;
  /** The module that implements it beyond a plain task, once one does. */
  implementedBy?: string;
}

const registry = new Map<string, ActionKindInfo>();

/** Adds (or extends) an action kind. Domain modules call this to provide their steps' behaviour. */
export function registerActionKind(kind: string, info: ActionKindInfo): void {
  if (!/^[a-z][a-z-]*$/.test(kind)) throw new Error(`Invalid action kind "${kind}"`);
  registry.set(kind, info);
}

export function actionKindInfo(kind: string): ActionKindInfo | undefined {
  return registry.get(kind);
}

export function actionKinds(): string[] {
  return [...registry.keys()];
}

// The kinds every SOP may use. A kind no module implements yet runs as a plain task.
const base: [string, ActionKindInfo][] = [
  ['instruct', { label: { id: 'Memerintahkan / disposisi', en: 'Instruct / dispose' }, decision: false }],
  ['prepare-format', { label: { id: 'Menyiapkan format', en: 'Prepare a format' }, decision: false }],
  ['distribute', { label: { id: 'Menyampaikan / mendistribusikan', en: 'Distribute' }, decision: false }],
  ['meeting', { label: { id: 'Rapat', en: 'Meeting' }, decision: false }],
  ['enter-data', { label: { id: 'Mengisi / mengentri data', en: 'Enter data' }, decision: false }],
  ['correct-data', { label: { id: 'Memperbaiki data', en: 'Correct data' }, decision: false }],
  ['review', { label: { id: 'Memeriksa (keputusan ya/tidak)', en: 'Review (yes/no decision)' }, decision: true }],
  ['recap', { label: { id: 'Merekapitulasi', en: 'Recap' }, decision: false }],
  ['measure', { label: { id: 'Mengukur', en: 'Measure' }, decision: false }],
  ['analyse', { label: { id: 'Menganalisis', en: 'Analyse' }, decision: false }],
  ['report', { label: { id: 'Melaporkan', en: 'Report' }, decision: false }],
  ['initial', { label: { id: 'Membubuhkan paraf', en: 'Initial (paraf)' }, decision: false }],
  ['sign', { label: { id: 'Menandatangani', en: 'Sign' }, decision: false }],
  ['archive', { label: { id: 'Mengarsipkan', en: 'Archive' }, decision: false }],
  ['task', { label: { id: 'Tugas', en: 'Task' }, decision: false }],
];
for (const [kind, info] of base) registerActionKind(kind, info);
