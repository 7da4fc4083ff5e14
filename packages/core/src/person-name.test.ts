import { describe, expect, it } from 'vitest';
import { formatPersonName } from './person-name.js';

describe('formatPersonName', () => {
  it('writes front title, name and back title', () => {
    expect(formatPersonName({ frontTitle: 'Dr.', name: 'Rina Lestari', backTitle: 'S.E., M.Si.' })).toBe(
      'Dr. Rina Lestari, S.E., M.Si.',
    );
  });

  it('leaves out missing titles', () => {
    expect(formatPersonName({ name: 'Rina Lestari' })).toBe('Rina Lestari');
    expect(formatPersonName({ name: 'Rina Lestari', frontTitle: 'Hj.' })).toBe('Hj. Rina Lestari');
    expect(formatPersonName({ name: 'Rina Lestari', backTitle: 'S.Kom.' })).toBe('Rina Lestari, S.Kom.');
    expect(formatPersonName({ name: 'Rina Lestari', frontTitle: null, backTitle: '' })).toBe('Rina Lestari');
  });

  it('trims spaces and stray commas', () => {
    expect(formatPersonName({ frontTitle: '  Ir. ', name: ' Bambang   Setyo  Nugroho ', backTitle: ' , M.M.  ' })).toBe(
      'Ir. Bambang Setyo Nugroho, M.M.',
    );
    expect(formatPersonName({ name: 'Rina Lestari,', backTitle: 'S.E.,' })).toBe('Rina Lestari, S.E.');
  });
});
