import { z } from 'zod';
import type { LocalizedText } from './messages.js';

/**
 * NIP (Nomor Induk Pegawai) of a civil servant: 18 digits, printed in four groups as
 * `yyyymmdd yyyymm s nnn` — birth date, appointment as CPNS (TMT CPNS), sex (1 male,
 * 2 female) and a sequence number 001..999.
 */

export type NipErrorCode =
  | 'length'
  | 'digits'
  | 'birthDate'
  | 'appointment'
  | 'appointmentBeforeAdulthood'
  | 'sex'
  | 'sequence';

export interface NipParts {
  nip: string;
  /** yyyy-mm-dd */
  birthDate: string;
  /** yyyy-mm */
  appointment: string;
  sex: 'male' | 'female';
  sequence: number;
}

export interface NipError {
  code: NipErrorCode;
  message: LocalizedText;
}

export type NipResult = { ok: true; value: NipParts } | { ok: false; errors: NipError[] };

export const NIP_LENGTH = 18;
export const NIP_MIN_BIRTH_YEAR = 1940;
export const NIP_MIN_APPOINTMENT_YEAR = 1960;
/** Nobody is appointed as CPNS before turning 18. */
export const NIP_MIN_APPOINTMENT_AGE = 18;

/** Removes the spaces people type or copy from print (`19621205 198502 1 001`). */
export function normalizeNip(input: string): string {
  // Only spaces (including the non-breaking ones that come with copied text) are
  // separators; any other character stays so that parseNip can name it.
  return input.trim().replace(/[ \u00a0\u202f]/g, '');
}

/** Prints a NIP in its four groups; returns the input unchanged if it is not 18 digits. */
export function formatNip(nip: string): string {
  const n = normalizeNip(nip);
  if (!/^\d{18}$/.test(n)) return nip;
  return `${n.slice(0, 8)} ${n.slice(8, 14)} ${n.slice(14, 15)} ${n.slice(15)}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Checks a NIP against the rules of its four parts and returns the parts or every error found.
 * `today` (default: now, read in the local calendar) bounds the birth date and the appointment.
 */
export function parseNip(input: string, opts: { today?: Date } = {}): NipResult {
  const nip = normalizeNip(input);
  const errors: NipError[] = [];

  const badChars = [...new Set(nip.replace(/\d/g, ''))];
  if (badChars.length > 0) {
    const shown = badChars.map((c) => `"${c}"`).join(', ');
    errors.push({
      code: 'digits',
      message: {
        id: `NIP hanya boleh berisi angka (boleh dipisah spasi); ditemukan ${shown}`,
        en: `The NIP may contain only digits (separated by spaces if you like); found ${shown}`,
      },
    });
  }
  if (nip.length !== NIP_LENGTH) {
    errors.push({
      code: 'length',
      message: {
        id: `NIP harus terdiri dari 18 digit, bukan ${nip.length}`,
        en: `The NIP must have 18 digits, not ${nip.length}`,
      },
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const today = opts.today ?? new Date();
  const todayYear = today.getFullYear();
  const todayMonth = today.getMonth() + 1;
  const todayKey = todayYear * 10000 + todayMonth * 100 + today.getDate();

  // Birth date, digits 1–8.
  const birthText = nip.slice(0, 8);
  const by = Number(birthText.slice(0, 4));
  const bm = Number(birthText.slice(4, 6));
  const bd = Number(birthText.slice(6, 8));
  const birthIsDate = bm >= 1 && bm <= 12 && bd >= 1 && bd <= daysInMonth(by, bm);
  let birthOk = false;
  if (!birthIsDate) {
    errors.push({
      code: 'birthDate',
      message: {
        id: `Tanggal lahir pada NIP (digit 1–8: ${birthText}) bukan tanggal yang valid`,
        en: `The birth date in the NIP (digits 1–8: ${birthText}) is not a valid date`,
      },
    });
  } else if (by < NIP_MIN_BIRTH_YEAR) {
    errors.push({
      code: 'birthDate',
      message: {
        id: `Tahun lahir pada NIP (digit 1–8: ${birthText}) tidak boleh sebelum ${NIP_MIN_BIRTH_YEAR}`,
        en: `The birth year in the NIP (digits 1–8: ${birthText}) must not be before ${NIP_MIN_BIRTH_YEAR}`,
      },
    });
  } else if (by * 10000 + bm * 100 + bd > todayKey) {
    errors.push({
      code: 'birthDate',
      message: {
        id: `Tanggal lahir pada NIP (digit 1–8: ${birthText}) tidak boleh di masa depan`,
        en: `The birth date in the NIP (digits 1–8: ${birthText}) must not be in the future`,
      },
    });
  } else {
    birthOk = true;
  }

  // Appointment (TMT CPNS), digits 9–14.
  const apptText = nip.slice(8, 14);
  const ay = Number(apptText.slice(0, 4));
  const am = Number(apptText.slice(4, 6));
  let apptOk = false;
  if (am < 1 || am > 12) {
    errors.push({
      code: 'appointment',
      message: {
        id: `Bulan TMT CPNS pada NIP (digit 9–14: ${apptText}) harus 01–12, bukan ${apptText.slice(4, 6)}`,
        en: `The appointment (TMT CPNS) month in the NIP (digits 9–14: ${apptText}) must be 01–12, not ${apptText.slice(4, 6)}`,
      },
    });
  } else if (ay < NIP_MIN_APPOINTMENT_YEAR) {
    errors.push({
      code: 'appointment',
      message: {
        id: `Tahun TMT CPNS pada NIP (digit 9–14: ${apptText}) tidak boleh sebelum ${NIP_MIN_APPOINTMENT_YEAR}`,
        en: `The appointment (TMT CPNS) year in the NIP (digits 9–14: ${apptText}) must not be before ${NIP_MIN_APPOINTMENT_YEAR}`,
      },
    });
  } else if (ay * 12 + am > todayYear * 12 + todayMonth) {
    errors.push({
      code: 'appointment',
      message: {
        id: `TMT CPNS pada NIP (digit 9–14: ${apptText}) tidak boleh setelah bulan ini`,
        en: `The appointment (TMT CPNS) in the NIP (digits 9–14: ${apptText}) must not be after the current month`,
      },
    });
  } else {
    apptOk = true;
  }

  if (birthOk && apptOk && ay * 12 + am < (by + NIP_MIN_APPOINTMENT_AGE) * 12 + bm) {
    const born = `${by}-${pad2(bm)}-${pad2(bd)}`;
    const earliest = `${by + NIP_MIN_APPOINTMENT_AGE}-${pad2(bm)}`;
    errors.push({
      code: 'appointmentBeforeAdulthood',
      message: {
        id: `TMT CPNS pada NIP (digit 9–14: ${apptText}) lebih awal dari usia 18 tahun pemilik NIP (lahir ${born}; paling awal ${earliest})`,
        en: `The appointment (TMT CPNS) in the NIP (digits 9–14: ${apptText}) is before the holder turned 18 (born ${born}; earliest ${earliest})`,
      },
    });
  }

  // Sex, digit 15.
  const sexDigit = nip.slice(14, 15);
  if (sexDigit !== '1' && sexDigit !== '2') {
    errors.push({
      code: 'sex',
      message: {
        id: `Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2, bukan ${sexDigit}`,
        en: `The sex digit in the NIP (digit 15) must be 1 or 2, not ${sexDigit}`,
      },
    });
  }

  // Sequence, digits 16–18.
  const seqText = nip.slice(15, 18);
  const sequence = Number(seqText);
  if (sequence < 1) {
    errors.push({
      code: 'sequence',
      message: {
        id: `Nomor urut pada NIP (digit 16–18) harus 001–999, bukan ${seqText}`,
        en: `The sequence number in the NIP (digits 16–18) must be 001–999, not ${seqText}`,
      },
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      nip,
      birthDate: `${birthText.slice(0, 4)}-${birthText.slice(4, 6)}-${birthText.slice(6, 8)}`,
      appointment: `${apptText.slice(0, 4)}-${apptText.slice(4, 6)}`,
      sex: sexDigit === '1' ? 'male' : 'female',
      sequence,
    },
  };
}

/**
 * A NIP field: accepts the printed form with spaces, yields the 18 digits, and reports each
 * broken rule as its own issue (Indonesian message; the English text and the code in `params`).
 */
export const nipSchema = z
  .string()
  .transform(normalizeNip)
  .superRefine((nip, ctx) => {
    const result = parseNip(nip);
    if (result.ok) return;
    for (const error of result.errors) {
      ctx.addIssue({
        code: 'custom',
        message: error.message.id,
        params: { nipError: error.code, en: error.message.en },
      });
    }
  });
