/**
 * Benchmark: measuring one government's year — 12,000 indicators × 4 quarters — on embedded
 * storage (PGlite), beside a hand-written single SQL statement for the same computation as a lower
 * bound. Run: `npx tsx bench/measure-year.ts` (optionally `--indicators 12000 --runs 7`).
 *
 * The data is generated here with SQL into the real tables: 40 agencies, each with a Renstra of
 * 3 goals × 4 objectives with a program under each, its 2026 performance agreement with 300
 * indicators (targets for Q1–Q4 and the year; 80 % higher-is-better, 15 % lower-is-better, 5 % range
 * targets; sum / last / average / max) and the programs' pagu, four collection periods and a
 * realisasi (with the budget spent) for 98 % of the indicator-quarters.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../apps/server/src/db/database.js';
import { migrate } from '../apps/server/src/db/migrate.js';
import { migrationsDir } from '../apps/server/src/env.js';
import { measureAgreements } from '../apps/server/src/modules/measurement/measurement.service.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const INDICATORS = arg('indicators', 12_000);
const RUNS = arg('runs', 7);
const AGENCIES = 40;
const PER_AGENCY = Math.ceil(INDICATORS / AGENCIES);
const YEAR = 2026;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-bench-'));
  const db = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  await migrate(db, migrationsDir);
  const t0 = performance.now();
  const [gov] = await db.query<{ id: string }>(
    `INSERT INTO governments (code, name, kind, time_zone) VALUES ('bench', 'Kabupaten Contoh', 'kabupaten', 'Asia/Jakarta') RETURNING id`,
  );
  const gid = gov!.id;
  await db.query(
    `INSERT INTO agencies (government_id, code, name, kind)
     SELECT $1, 'pd-' || a, 'Perangkat Daerah ' || a, 'dinas' FROM generate_series(1, ${AGENCIES}) a`,
    [gid],
  );
  await db.query(
    `INSERT INTO plans (government_id, agency_id, name, start_year, end_year, status)
     SELECT $1, id, 'Renstra ' || name, 2025, 2029, 'established' FROM agencies WHERE government_id = $1`,
    [gid],
  );
  await db.query(
    `INSERT INTO plan_nodes (government_id, plan_id, kind, code, name, sort_order)
     SELECT $1, p.id, 'goal', 'T' || g, 'Tujuan ' || g, g FROM plans p, generate_series(1, 3) g WHERE p.government_id = $1`,
    [gid],
  );
  await db.query(
    `INSERT INTO plan_nodes (government_id, plan_id, parent_id, kind, code, name, sort_order)
     SELECT $1, n.plan_id, n.id, 'objective', n.code || '.' || o, 'Sasaran ' || n.code || '.' || o, o
       FROM plan_nodes n, generate_series(1, 4) o WHERE n.government_id = $1 AND n.kind = 'goal'`,
    [gid],
  );
  // A program under each objective, whose pagu the agreements carry.
  await db.query(
    `INSERT INTO plan_nodes (government_id, plan_id, parent_id, kind, code, name, sort_order)
     SELECT $1, n.plan_id, n.id, 'program', n.code || '.01', 'Program ' || n.code, 1
       FROM plan_nodes n WHERE n.government_id = $1 AND n.kind = 'objective'`,
    [gid],
  );
  // Indicators: spread over each plan's 12 objectives.
  await db.query(
    `INSERT INTO plan_indicators (government_id, plan_id, node_id, code, name, unit_of_measure, direction,
        lower_better_formula, indicator_type, aggregation, sort_order)
     SELECT $1, p.id, o.id, 'IK ' || i, 'Indikator ' || i, '%',
            CASE WHEN i % 20 < 16 THEN 'higher_better' WHEN i % 20 < 19 THEN 'lower_better' ELSE 'range' END,
            'inverse_difference', 'outcome',
            (ARRAY['sum', 'last', 'average', 'max'])[1 + i % 4], i
       FROM plans p
       CROSS JOIN generate_series(1, ${PER_AGENCY}) i
       JOIN LATERAL (SELECT id FROM plan_nodes n WHERE n.plan_id = p.id AND n.kind = 'objective'
                      ORDER BY n.code OFFSET (i % 12) LIMIT 1) o ON true
      WHERE p.government_id = $1`,
    [gid],
  );
  await db.query(
    `INSERT INTO performance_agreements (government_id, agency_id, plan_id, year)
     SELECT $1, p.agency_id, p.id, ${YEAR} FROM plans p WHERE p.government_id = $1`,
    [gid],
  );
  await db.query(
    `INSERT INTO performance_agreement_indicators (government_id, agreement_id, indicator_id, sort_order)
     SELECT $1, pa.id, pi.id, pi.sort_order FROM performance_agreements pa JOIN plan_indicators pi ON pi.plan_id = pa.plan_id
      WHERE pa.government_id = $1`,
    [gid],
  );
  await db.query(
    `INSERT INTO performance_agreement_targets (agreement_indicator_id, government_id, period, target_value, target_low, target_high)
     SELECT pai.id, $1, per.p,
            CASE WHEN pi.direction = 'range' THEN NULL ELSE round((50 + (pi.sort_order % 50))::numeric * CASE WHEN per.p = 'year' AND pi.aggregation = 'sum' THEN 4 ELSE 1 END, 2) END,
            CASE WHEN pi.direction = 'range' THEN 70 END,
            CASE WHEN pi.direction = 'range' THEN 90 END
       FROM performance_agreement_indicators pai JOIN plan_indicators pi ON pi.id = pai.indicator_id
      CROSS JOIN (VALUES ('q1'), ('q2'), ('q3'), ('q4'), ('year')) per(p)
      WHERE pai.government_id = $1`,
    [gid],
  );
  await db.query(
    `INSERT INTO performance_agreement_budgets (agreement_id, government_id, node_id, amount, sort_order)
     SELECT pa.id, $1, n.id, 500000000 + (n.sort_order + length(n.code)) * 25000000, 0
       FROM performance_agreements pa JOIN plan_nodes n ON n.plan_id = pa.plan_id AND n.kind = 'program'
      WHERE pa.government_id = $1`,
    [gid],
  );
  await db.query(
    `INSERT INTO collection_periods (government_id, agency_id, year, period, label, opens_on, closes_on)
     SELECT $1, a.id, ${YEAR}, 'q' || q, 'Triwulan ' || q || ' ${YEAR}', '${YEAR}-01-01', '${YEAR}-12-31'
       FROM agencies a, generate_series(1, 4) q WHERE a.government_id = $1`,
    [gid],
  );
  await db.query(
    `INSERT INTO collection_values (government_id, period_id, indicator_id, version_no, actual, budget_spent)
     SELECT $1, cp.id, pi.id, 1, round((40 + ((pi.sort_order * 7 + right(cp.period, 1)::int * 13) % 70))::numeric + 0.25, 2),
            1000000 * (10 + (pi.sort_order * 3 + right(cp.period, 1)::int) % 40)
       FROM plan_indicators pi JOIN plans p ON p.id = pi.plan_id
       JOIN collection_periods cp ON cp.agency_id = p.agency_id AND cp.year = ${YEAR}
      WHERE pi.government_id = $1 AND (pi.sort_order * 31 + right(cp.period, 1)::int) % 50 <> 0`,
    [gid],
  );
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? 0;
  const values = await count('collection_values');
  const indicators = await count('performance_agreement_indicators');
  console.log(
    `generated ${indicators} indicators, ${values} values in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await db.query('ANALYZE');

  // A single statement computing the same: each indicator's quarterly achievements and the year's
  // (actual by its rule against the annual target, by direction), each objective's mean, the budget
  // spent per indicator and the agency's absorption against its pagu — handed over as one JSON document like the engine's read, so the two compare the work done.
  const lowerBound = `
    WITH v AS (
      SELECT cv.indicator_id, cp.period, cv.actual, cv.budget_spent FROM collection_values cv
        JOIN collection_periods cp ON cp.id = cv.period_id WHERE cv.government_id = $1 AND cp.year = $2
    ), t AS (
      SELECT pai.indicator_id, pa.id AS agreement_id, pi.node_id, pi.direction, pi.lower_better_formula, pi.aggregation,
             tg.period, tg.target_value, tg.target_low, tg.target_high
        FROM performance_agreements pa JOIN performance_agreement_indicators pai ON pai.agreement_id = pa.id
        JOIN plan_indicators pi ON pi.id = pai.indicator_id
        JOIN performance_agreement_targets tg ON tg.agreement_indicator_id = pai.id
       WHERE pa.government_id = $1 AND pa.year = $2 AND pa.is_current
    ), yv AS (
      SELECT indicator_id, sum(actual) AS s, avg(actual) AS av, max(actual) AS mx, sum(budget_spent) AS spent,
             (array_agg(actual ORDER BY period DESC))[1] AS last
        FROM v GROUP BY indicator_id
    ), y AS (
      SELECT t.*, CASE WHEN t.period = 'year' THEN
               CASE t.aggregation WHEN 'sum' THEN yv.s WHEN 'average' THEN yv.av WHEN 'max' THEN yv.mx ELSE yv.last END
             ELSE v.actual END AS actual,
             CASE WHEN t.period = 'year' THEN yv.spent END AS spent
        FROM t LEFT JOIN yv ON yv.indicator_id = t.indicator_id
        LEFT JOIN v ON v.indicator_id = t.indicator_id AND v.period = t.period
    ), a AS (
      SELECT y.*, round(CASE
          WHEN actual IS NULL THEN NULL
          WHEN target_value IS NOT NULL THEN CASE
            WHEN target_value = 0 THEN NULL
            WHEN direction = 'higher_better' THEN actual / target_value * 100
            WHEN lower_better_formula = 'ratio' THEN CASE WHEN actual = 0 THEN NULL ELSE target_value / actual * 100 END
            ELSE (2 - actual / target_value) * 100 END
          WHEN actual BETWEEN target_low AND target_high THEN 100
          WHEN actual < target_low THEN CASE WHEN target_low = 0 THEN NULL ELSE actual / target_low * 100 END
          ELSE CASE WHEN target_high = 0 THEN NULL WHEN direction = 'higher_better' THEN actual / target_high * 100
                    ELSE (2 - actual / target_high) * 100 END END, 2) AS achievement
        FROM y
    )
    , o AS (
      SELECT agreement_id, node_id, indicator_id, period, actual, achievement, spent,
             CASE WHEN period = 'year' THEN round(avg(achievement) OVER (PARTITION BY agreement_id, node_id, period), 2) END AS objective,
             sum(spent) OVER (PARTITION BY agreement_id) AS agency_spent
        FROM a
    ), b AS (
      SELECT agreement_id, sum(amount) AS pagu FROM performance_agreement_budgets GROUP BY agreement_id
    )
    SELECT coalesce(json_agg(json_build_array(o.agreement_id, node_id, indicator_id, period, actual::text,
             achievement::text, objective::text, spent::text,
             round(o.agency_spent / nullif(b.pagu, 0) * 100, 2)::text)), '[]')::text AS data
      FROM o LEFT JOIN b ON b.agreement_id = o.agreement_id`;

  const time = async (fn: () => Promise<number>) => {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      size = await fn();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, size };
  };
  const engine = await time(async () => {
    const r = await measureAgreements(db, gid, YEAR);
    return r.reduce((n, m) => n + m.result.indicators.length, 0);
  });
  const sql = await time(async () => {
    const rows = await db.query<{ data: string }>(lowerBound, [gid, YEAR]);
    return (JSON.parse(rows[0]?.data ?? '[]') as unknown[]).length;
  });
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, node ${process.version}`);
  console.log(`runs: ${RUNS} (median, fastest)`);
  console.log(
    `engine (2 queries + measureYear): ${fmt(engine.median)}, ${fmt(engine.min)} — ${engine.size} indicators measured`,
  );
  console.log(`single SQL lower bound:           ${fmt(sql.median)}, ${fmt(sql.min)} — ${sql.size} rows`);
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
