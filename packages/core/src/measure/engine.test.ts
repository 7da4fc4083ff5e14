import { describe, expect, it } from 'vitest';
import { aggregateQuarters } from './aggregate.js';
import { budgetAbsorption, change, efficiency, renstraProgress } from './efficiency.js';
import { convertAchievement, defaultIkiConversion, predikatKinerja } from './individual.js';
import { rollUp } from './rollup.js';
import { type CategoryScale, categorize, lanScale, permendagri86Scale, scaleIssues } from './scale.js';
import { type MeasureIndicator, measureYear } from './year.js';

describe('quarters into the year', () => {
  const q = ['10', '20', null, '5'];
  it('sums flows, takes the last value of stocks, averages, or takes the largest', () => {
    expect(aggregateQuarters(q, 'sum')).toEqual({ value: '35', present: 3, complete: false });
    expect(aggregateQuarters(q, 'last').value).toBe('5');
    expect(aggregateQuarters(['80', '85', '90', null], 'last').value).toBe('90');
    expect(aggregateQuarters(q, 'average').value).toBe('11.666667');
    expect(aggregateQuarters(q, 'max').value).toBe('20');
  });
  it('is exact where binary floating point is not, and says when nothing was entered', () => {
    expect(aggregateQuarters(['0.1', '0.2', '0.3', '0.4'], 'sum')).toEqual({ value: '1', present: 4, complete: true });
    expect(aggregateQuarters([null, null, null, null], 'sum')).toEqual({ value: null, present: 0, complete: false });
    expect(aggregateQuarters(['-2', '1', '', '1'], 'average').value).toBe('0');
  });
});

describe('roll-up', () => {
  it('is the mean of what was measured, weighted when asked, counting what was not', () => {
    expect(rollUp([{ value: '100' }, { value: '80' }, { value: null }])).toEqual({
      value: '90',
      measured: 2,
      unmeasured: 1,
    });
    expect(
      rollUp([
        { value: '100', weight: '3' },
        { value: '80', weight: '1' },
      ]).value,
    ).toBe('95');
    expect(rollUp([{ value: '100', weight: '0' }, { value: '80' }]).value).toBe('80');
    expect(rollUp([{ value: null }])).toEqual({ value: null, measured: 0, unmeasured: 1 });
    expect(
      rollUp(
        [
          { value: '1', weight: '1' },
          { value: '2', weight: '2' },
        ],
        4,
      ).value,
    ).toBe('1.6667');
    expect(() => rollUp([{ value: '1', weight: '-1' }])).toThrow(RangeError);
  });
});

describe('category scales', () => {
  const key = (v: string | null) => categorize(v)?.key ?? null;
  it('Permendagri 86/2017 by default, with exact band edges', () => {
    expect(permendagri86Scale.bands.map((b) => b.key)).toEqual([
      'sangat-tinggi',
      'tinggi',
      'sedang',
      'rendah',
      'sangat-rendah',
    ]);
    expect(scaleIssues(permendagri86Scale)).toEqual([]);
    expect(scaleIssues(lanScale)).toEqual([]);
    // LAN 2003: "above 85" is exclusive, so 85 itself is berhasil.
    expect(['85.01', '85', '70.01', '70', '55', '0'].map((v) => categorize(v, lanScale)?.key)).toEqual([
      'sangat-berhasil',
      'berhasil',
      'berhasil',
      'cukup-berhasil',
      'tidak-berhasil',
      'tidak-berhasil',
    ]);
    const cases: [string, string][] = [
      ['150', 'sangat-tinggi'],
      ['91', 'sangat-tinggi'],
      ['90.999999', 'tinggi'],
      ['90.5', 'tinggi'],
      ['76', 'tinggi'],
      ['75.99', 'sedang'],
      ['66', 'sedang'],
      ['65.9', 'rendah'],
      ['51', 'rendah'],
      ['50.000001', 'rendah'],
      ['50', 'sangat-rendah'],
      ['0', 'sangat-rendah'],
      ['-100', 'sangat-rendah'],
    ];
    for (const [v, k] of cases) expect([v, key(v)]).toEqual([v, k]);
    expect(key(null)).toBeNull();
  });
  it('takes a scale of the government’s own, and refuses one whose bands overlap', () => {
    const six: CategoryScale = {
      key: 'enam-pita',
      name: { id: 'Enam pita', en: 'Six bands' },
      source: 'Peraturan Kepala Daerah (contoh)',
      bands: [
        { key: 'aa', label: { id: 'AA', en: 'AA' }, from: '90', color: 'teal' },
        { key: 'a', label: { id: 'A', en: 'A' }, from: '80', color: 'green' },
        { key: 'bb', label: { id: 'BB', en: 'BB' }, from: '70', color: 'lime' },
        { key: 'b', label: { id: 'B', en: 'B' }, from: '60', color: 'yellow' },
        { key: 'cc', label: { id: 'CC', en: 'CC' }, from: '50', color: 'orange' },
        { key: 'c', label: { id: 'C', en: 'C' }, from: null, color: 'red' },
      ],
    };
    expect(scaleIssues(six)).toEqual([]);
    expect(['95', '90', '89.99', '60', '59.99', '10'].map((v) => categorize(v, six)?.key)).toEqual([
      'aa',
      'aa',
      'a',
      'b',
      'cc',
      'c',
    ]);
    const bad: CategoryScale = { ...six, bands: [six.bands[1]!, six.bands[0]!, six.bands[5]!] };
    expect(scaleIssues(bad).map((i) => [i.band, i.field, i.message.en])).toEqual([
      [0, 'from', 'Band 1: must start above band 2'],
    ]);
    expect(scaleIssues({ ...six, bands: [six.bands[0]!, six.bands[1]!] }).map((i) => i.message.en)).toContain(
      'The last band must take everything below (no lower edge)',
    );
  });
});

describe('efficiency, progress, comparison', () => {
  it('absorption and efficiency by the chosen formula', () => {
    expect(budgetAbsorption('450000000', '500000000')).toBe('90');
    expect(budgetAbsorption('1', '0')).toBeNull();
    expect(efficiency('105', '90', 'difference')).toBe('15');
    expect(efficiency('105', '90', 'ratio')).toBe('116.67');
    expect(efficiency('105', '0', 'ratio')).toBeNull();
    expect(efficiency(null, '90', 'difference')).toBeNull();
  });
  it('progress toward the Renstra end target, both ways, and change from last year', () => {
    const base = { direction: 'higher_better', lowerBetterFormula: 'inverse_difference' } as const;
    expect(renstraProgress({ ...base, actual: '80', endTarget: '100', baseline: '60' })).toEqual({
      againstEnd: '80',
      fromBaseline: '50',
    });
    // Lower is better: from 10 down toward 4, now at 7 → half-way; 7 against 4 → 25 %.
    expect(
      renstraProgress({
        direction: 'lower_better',
        lowerBetterFormula: 'inverse_difference',
        actual: '7',
        endTarget: '4',
        baseline: '10',
      }),
    ).toEqual({ againstEnd: '25', fromBaseline: '50' });
    expect(renstraProgress({ ...base, actual: '5', endTarget: '5', baseline: '5' }).fromBaseline).toBeNull();
    expect(change('92.5', '88')).toBe('4.5');
    expect(change('92.5', null)).toBeNull();
  });
});

describe('individual performance (PermenPANRB 6/2022)', () => {
  it('predikat from hasil kerja × perilaku kerja', () => {
    const grid = (['above', 'meets', 'below'] as const).map((pk) =>
      (['below', 'meets', 'above'] as const).map((hk) => predikatKinerja(hk, pk)),
    );
    expect(grid).toEqual([
      ['butuh-perbaikan', 'baik', 'sangat-baik'],
      ['butuh-perbaikan', 'baik', 'baik'],
      ['sangat-kurang', 'kurang', 'kurang'],
    ]);
  });
  it('converts achievement to nilai capaian by its bands, interpolating within a band', () => {
    const score = (a: string) => convertAchievement(a)?.score;
    expect(score('105.5')).toBe('115');
    expect(score('130')).toBe('120');
    expect(score('100')).toBe('109');
    expect(score('100.5')).toBe('109');
    expect(score('95')).toBe('99.5');
    expect(score('84.5')).toBe('79.5');
    expect(score('-20')).toBe('0');
    expect(convertAchievement('105.5')?.expectation).toBe('above');
    expect(convertAchievement('95')?.expectation).toBe('meets');
    expect(convertAchievement('70')?.expectation).toBe('below');
    expect(convertAchievement(null, defaultIkiConversion)).toBeNull();
  });
});

describe('measuring a year', () => {
  const t = (value: string) => ({ value, low: null, high: null });
  const ind = (over: Partial<MeasureIndicator>): MeasureIndicator => ({
    id: 'x',
    nodeId: 's1',
    direction: 'higher_better',
    lowerBetterFormula: 'inverse_difference',
    aggregation: 'sum',
    quarterTargets: [t('25'), t('25'), t('25'), t('25')],
    annualTarget: t('100'),
    quarterActuals: ['20', '30', '25', '20'],
    ...over,
  });
  const nodes = [
    { id: 'g1', parentId: null, kind: 'goal' },
    { id: 's1', parentId: 'g1', kind: 'objective' },
    { id: 's2', parentId: 'g1', kind: 'objective', weight: '3' },
    { id: 'p1', parentId: 's2', kind: 'program' },
  ];
  it('measures quarters and the year, rolls up to objectives and the agency, with categories', () => {
    const r = measureYear(
      [
        ind({ id: 'a' }),
        ind({ id: 'b', aggregation: 'last', quarterActuals: ['70', '75', '80', null], annualTarget: t('80') }),
        ind({
          id: 'c',
          nodeId: 'p1',
          direction: 'lower_better',
          aggregation: 'average',
          quarterTargets: [t('5'), t('5'), t('5'), t('5')],
          annualTarget: t('5'),
          quarterActuals: ['4', '6', '5', '5'],
          budgetCeiling: '200000000',
          budgetSpent: '150000000',
        }),
      ],
      nodes,
    );
    const a = r.indicators.find((i) => i.id === 'a')!;
    expect(a.quarters.map((q) => q.achievement)).toEqual(['80', '120', '100', '80']);
    expect(a.annual).toMatchObject({ actual: '95', achievement: '95', complete: true, category: 'sangat-tinggi' });
    const b = r.indicators.find((i) => i.id === 'b')!;
    expect(b.annual).toMatchObject({ actual: '80', achievement: '100', complete: false });
    expect(b.quarters[3]).toEqual({ actual: null, achievement: null, reason: 'no_actual' });
    const c = r.indicators.find((i) => i.id === 'c')!;
    expect(c.annual).toMatchObject({ actual: '5', achievement: '100', absorption: '75', efficiency: '25' });
    const node = (id: string) => r.nodes.find((n) => n.id === id)!;
    expect(node('s1')).toMatchObject({ value: '97.5', from: 'indicators', measured: 2 });
    expect(node('p1')).toMatchObject({ value: '100', from: 'indicators' });
    expect(node('s2')).toMatchObject({ value: '100', from: 'children' });
    expect(node('g1')).toMatchObject({ value: '99.38', from: 'children' });
    // The agency from its objectives, s2 weighing three times s1: (97.5 + 3 × 100) / 4.
    expect(r.agency).toMatchObject({ value: '99.38', measured: 2, category: 'sangat-tinggi' });
  });
  it('sets spending against the pagu of the node, without counting a budget line twice', () => {
    // Goal g → objective s (no pagu of its own) → programs p1 (Rp 300 jt) and p2 (Rp 200 jt);
    // p2's two indicators both report p2's spending, which is counted once.
    const tree = [
      { id: 'g', parentId: null, kind: 'goal' },
      { id: 's', parentId: 'g', kind: 'objective' },
      { id: 'p1', parentId: 's', kind: 'program', budgetCeiling: '300000000' },
      { id: 'p2', parentId: 's', kind: 'program', budgetCeiling: '200000000' },
      { id: 'a2', parentId: 'p2', kind: 'activity', budgetCeiling: '150000000' },
    ];
    const r = measureYear(
      [
        ind({ id: 'i1', nodeId: 'p1', budgetSpent: '270000000' }),
        ind({ id: 'i2', nodeId: 'p2', budgetSpent: '150000000', quarterActuals: ['20', '20', '20', '20'] }),
        ind({ id: 'i3', nodeId: 'p2', budgetSpent: '150000000' }),
        ind({ id: 'i4', nodeId: 's' }),
      ],
      tree,
      { efficiency: 'ratio' },
    );
    const node = (id: string) => r.nodes.find((n) => n.id === id)!;
    // p1: 270 of 300 → 90 %; achievement 95 → efficiency 95 / 90 × 100.
    expect(node('p1').budget).toEqual({
      ceiling: '300000000',
      spent: '270000000',
      absorption: '90',
      efficiency: '105.56',
    });
    // p2 keeps its own pagu (its activity's is inside it): 150 of 200 → 75 %.
    expect(node('p2').budget).toMatchObject({ ceiling: '200000000', spent: '150000000', absorption: '75' });
    // s has no pagu of its own and no spending reported on it: the programs' sums.
    expect(node('s').budget).toMatchObject({ ceiling: '500000000', spent: '420000000', absorption: '84' });
    expect(r.agency.budget).toMatchObject({ ceiling: '500000000', spent: '420000000', absorption: '84' });
    // An indicator without a pagu of its own is set against its node's.
    expect(r.indicators.find((i) => i.id === 'i1')!.annual.absorption).toBe('90');
    expect(r.indicators.find((i) => i.id === 'i4')!.annual.absorption).toBeNull();
    // Without any pagu or spending, no budget is reported at all.
    const plain = measureYear([ind({ id: 'x' })], nodes);
    expect(plain.nodes.every((n) => n.budget === undefined)).toBe(true);
    expect(plain.agency.budget).toBeUndefined();
  });
  it('caps when asked, and keeps unmeasurable indicators out of the roll-up', () => {
    const r = measureYear(
      [
        ind({ id: 'a', quarterActuals: ['50', '50', '50', '50'] }),
        ind({ id: 'z', annualTarget: t('0'), quarterActuals: ['1', '1', '1', '1'] }),
        ind({ id: 'n', annualTarget: null }),
      ],
      nodes,
      { cap: '120' },
    );
    expect(r.indicators[0]!.annual).toMatchObject({ achievement: '120', capped: true });
    expect(r.indicators[1]!.annual).toMatchObject({ achievement: null, reason: 'zero_target', category: null });
    expect(r.indicators[2]!.annual).toMatchObject({ achievement: null, reason: 'no_target' });
    expect(r.nodes.find((n) => n.id === 's1')).toMatchObject({ value: '120', measured: 1, unmeasured: 2 });
  });
});
