import {
  type CategoryScale,
  categoryScalePresets,
  type MeasurementMethod,
  type MeasurementSettings,
  permendagri86Scale,
  scaleIssues,
  type UpdateMeasurementSettingsBody,
} from '@sidakin/core';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, assertFresh } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './settings.repo.js';

/** The version of the measurement rules; a run records it, and a change of rules gets a new one. */
export const engineVersion = 'sidakin-measure/1';

const defaults: Omit<repo.SettingsRow, 'updated_at'> = {
  scale: permendagri86Scale,
  decimals: 2,
  cap: null,
  efficiency_formula: 'difference',
  agency_from: 'objective',
};

/** The method a government measures with now: its settings, or Permendagri 86/2017 and the defaults. */
export async function methodOf(db: Queryable, governmentId: string): Promise<MeasurementMethod> {
  const s = (await repo.getSettings(db, governmentId)) ?? defaults;
  return {
    engine: engineVersion,
    scale: s.scale,
    decimals: s.decimals,
    cap: s.cap,
    efficiency: s.efficiency_formula,
    agencyFrom: s.agency_from,
  };
}

function present(s: repo.SettingsRow | undefined): MeasurementSettings {
  const row = s ?? { ...defaults, updated_at: null };
  return {
    scale: row.scale,
    decimals: row.decimals,
    cap: row.cap,
    efficiencyFormula: row.efficiency_formula,
    agencyFrom: row.agency_from,
    presets: [...categoryScalePresets],
    updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
  };
}

export async function getSettings(opts: {
  db: Queryable;
  ctx: RequestContext;
  governmentId: string;
}): Promise<MeasurementSettings> {
  authorize(opts.ctx.actor, 'measurement.read', opts.governmentId);
  return present(await repo.getSettings(opts.db, opts.governmentId));
}

/** A scale as given, with the problems across its bands refused at the band they are about. */
function checkedScale(input: UpdateMeasurementSettingsBody['scale']): CategoryScale {
  const scale: CategoryScale = {
    key: input.key,
    name: input.name,
    source: input.source,
    bands: input.bands.map((b) => ({
      key: b.key,
      label: b.label,
      from: b.from,
      ...(b.exclusive ? { exclusive: true } : {}),
      color: b.color,
    })),
  };
  const issues = scaleIssues(scale);
  if (issues.length > 0) {
    throw new AppError('VALIDATION', {
      details: issues.map((i) => ({
        path: i.band === null ? 'body.scale.bands' : `body.scale.bands.${i.band}.${i.field}`,
        message: i.message,
      })),
    });
  }
  return scale;
}

/**
 * Changes how the government measures. Runs already made keep the method they were made with;
 * the next run (asked for, or after a change of data) uses the new settings.
 */
export async function updateSettings(opts: {
  db: Database;
  ctx: RequestContext;
  governmentId: string;
  input: UpdateMeasurementSettingsBody;
}): Promise<MeasurementSettings> {
  authorize(opts.ctx.actor, 'measurement.manage', opts.governmentId);
  const scale = checkedScale(opts.input.scale);
  return opts.db.transaction(async (tx) => {
    const before = await repo.getSettings(tx, opts.governmentId);
    assertFresh(
      await repo.putSettings(
        tx,
        opts.governmentId,
        {
          scale,
          decimals: opts.input.decimals,
          cap: opts.input.cap,
          efficiency_formula: opts.input.efficiencyFormula,
          agency_from: opts.input.agencyFrom,
        },
        opts.input.expectedUpdatedAt,
      ),
    );
    const after = present(await repo.getSettings(tx, opts.governmentId));
    const { presets: _b, ...beforeShown } = present(before);
    const { presets: _a, ...afterShown } = after;
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'measurement_settings.update',
      entityType: 'measurement_settings',
      entityId: opts.governmentId,
      before: before ? beforeShown : null,
      after: afterShown,
    });
    return after;
  });
}
