import { describe, expect, it } from 'vitest';
import { retainUntil, retentionClasses, retentionOf } from './archive.js';

describe('retention classes', () => {
  it('keeps performance reports, agreements and SOPs permanently, corrections ten years, memos two', () => {
    expect(retentionOf('laporan-kinerja').code).toBe('permanen');
    expect(retentionOf('perjanjian-kinerja').code).toBe('permanen');
    expect(retentionOf('sop').code).toBe('permanen');
    expect(retentionOf('perbaikan-data-kinerja').code).toBe('10-tahun');
    expect(retentionOf('case:correction').code).toBe('10-tahun');
    expect(retentionOf('nota-dinas').code).toBe('2-tahun');
    expect(retentionOf('undangan').code).toBe('2-tahun');
    expect(retentionOf('case:general').code).toBe('5-tahun');
  });

  it('gives anything unlisted the common five years', () => {
    expect(retentionOf('surat-keputusan-lain')).toBe(retentionClasses['5-tahun']);
  });

  it('counts the last day kept from the archiving day, none for permanent items', () => {
    expect(retainUntil(retentionClasses['10-tahun'], '2026-12-06')).toBe('2036-12-06');
    expect(retainUntil(retentionClasses['2-tahun'], '2026-01-31')).toBe('2028-01-31');
    expect(retainUntil(retentionClasses.permanen, '2026-12-06')).toBeNull();
    // A leap day lands on 28 February in a year without one, and stays 29 in a leap year.
    expect(retainUntil(retentionClasses['5-tahun'], '2024-02-29')).toBe('2029-02-28');
    expect(retainUntil(retentionClasses['2-tahun'], '2026-02-28')).toBe('2028-02-28');
    expect(retainUntil(retentionClasses['10-tahun'], '2020-02-29')).toBe('2030-02-28');
  });
});
