import type { LocalizedText } from './messages.js';

/**
 * Document numbers ("nomor surat") from an agency's pattern: literal text around tokens in
 * braces. `{seq}` is the running number of the agency's documents of one kind in one year
 * (`{seq:3}` pads it to three digits), `{year}` the four-digit year, `{month}` the month as two
 * digits and `{romanMonth}` as a Roman numeral (I–XII), as some agencies write it. So
 * `SOP/{seq}/438.5.20/{year}` gives `SOP/459/438.5.20/2021`, `510/{seq}.a/DP-Trans/{year}` gives
 * `510/10.a/DP-Trans/2025` and `{seq}/DPPESDM/{year}` gives `45/DPPESDM/2021`.
 */
export const numberTokens = ['seq', 'year', 'month', 'romanMonth'] as const;
export type NumberToken = (typeof numberTokens)[number];

export type PatternPart = { text: string } | { token: NumberToken; pad?: number };

export type PatternCheck = { ok: true; parts: PatternPart[] } | { ok: false; message: LocalizedText };

const tokenRe = /\{([^{}]*)\}/g;

/** Reads a pattern into literal text and tokens; says in words what is wrong with a bad one. */
export function parseNumberPattern(pattern: string): PatternCheck {
  const parts: PatternPart[] = [];
  let last = 0;
  let seqCount = 0;
  let hasYear = false;
  for (const m of pattern.matchAll(tokenRe)) {
    if (m.index > last) parts.push({ text: pattern.slice(last, m.index) });
    last = m.index + m[0].length;
    const [name, padText, ...rest] = (m[1] ?? '').split(':');
    if (name === 'seq') {
      seqCount++;
      if (rest.length > 0 || (padText !== undefined && !/^[1-9]$/.test(padText))) {
        return fail(
          `Token ${m[0]} tidak dikenal; tulis {seq} atau {seq:3} untuk nomor urut dengan 3 digit`,
          `Unknown token ${m[0]}; write {seq} or {seq:3} for a running number of 3 digits`,
        );
      }
      parts.push(padText ? { token: 'seq', pad: Number(padText) } : { token: 'seq' });
      continue;
    }
    if (padText !== undefined || !numberTokens.includes(name as NumberToken)) {
      return fail(
        `Token ${m[0]} tidak dikenal; yang tersedia: {seq}, {year}, {month}, {romanMonth}`,
        `Unknown token ${m[0]}; available: {seq}, {year}, {month}, {romanMonth}`,
      );
    }
    if (name === 'year') hasYear = true;
    parts.push({ token: name as NumberToken });
  }
  if (last < pattern.length) parts.push({ text: pattern.slice(last) });
  const literal = parts
    .filter((p): p is { text: string } => 'text' in p)
    .map((p) => p.text)
    .join('');
  if (/[{}]/.test(literal)) {
    return fail('Kurung kurawal hanya untuk token seperti {seq}', 'Braces are only for tokens such as {seq}');
  }
  if (seqCount === 0) {
    return fail(
      'Pola harus memuat token nomor urut {seq}, mis. {seq}/DPPESDM/{year}',
      'The pattern must contain the running-number token {seq}, e.g. {seq}/DPPESDM/{year}',
    );
  }
  if (seqCount > 1) return fail('Token {seq} hanya boleh satu kali', 'The {seq} token may appear only once');
  if (!hasYear) {
    return fail(
      'Pola harus memuat tahun {year}: nomor urut dimulai lagi dari 1 setiap tahun',
      'The pattern must contain the year {year}: the running number starts again at 1 every year',
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(literal)) {
    return fail('Pola tidak boleh memuat karakter kendali', 'The pattern may not contain control characters');
  }
  return { ok: true, parts };
}

function fail(id: string, en: string): PatternCheck {
  return { ok: false, message: { id, en } };
}

const romans: [number, string][] = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** 1 → I … 12 → XII (the months, as letters are numbered). */
export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 39) throw new RangeError(`no Roman numeral for ${n} here`);
  let out = '';
  let rest = n;
  for (const [value, letters] of romans) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** The number a pattern gives for a running number on a date (`yyyy-mm-dd`, the agency's own day). */
export function formatDocumentNumber(pattern: string, seq: number, date: string): string {
  const check = parseNumberPattern(pattern);
  if (!check.ok) throw new Error(check.message.en);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError('the running number starts at 1');
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const year = m[1]!;
  const month = Number(m[2]);
  const values: Record<NumberToken, (pad?: number) => string> = {
    seq: (pad) => String(seq).padStart(pad ?? 0, '0'),
    year: () => year,
    month: () => String(month).padStart(2, '0'),
    romanMonth: () => romanNumeral(month),
  };
  return check.parts.map((p) => ('text' in p ? p.text : values[p.token](p.pad))).join('');
}

/** Kinds of documents the system numbers, with their names; agencies may add their own codes. */
export const documentKindLabels: Record<string, LocalizedText> = {
  'perbaikan-data-kinerja': { id: 'Dokumen Perbaikan Data Kinerja', en: 'Performance data correction document' },
  'nota-dinas': { id: 'Nota Dinas', en: 'Internal memo (nota dinas)' },
  sop: { id: 'Standar Operasional Prosedur', en: 'Standard operating procedure' },
  'laporan-kinerja': { id: 'Laporan Kinerja', en: 'Performance report' },
  undangan: { id: 'Undangan', en: 'Invitation' },
  'berita-acara': { id: 'Berita Acara', en: 'Official record (berita acara)' },
  'surat-keluar': { id: 'Surat Keluar', en: 'Outgoing letter' },
};
