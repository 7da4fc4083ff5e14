import type { Tx } from '../../db/database.js';
import { systemContext } from '../../http/context.js';
import { createPatternTx } from '../numbering/numbering.service.js';

/**
 * The demo agencies' numbering patterns, in the style of the numbers their documents carry
 * (Sidoarjo's `SOP/459/438.5.20/2021`, Kalimantan Barat's `45/DPPESDM/2021`, Pesisir Selatan's
 * `510/10.a/DP-Trans/2025`; Banggai writes the month in Roman numerals). The leading codes are the
 * archive classification (050 perencanaan, 005 undangan/nota dinas, 061 kelembagaan, 510 perdagangan).
 */
const patterns: Record<string, Record<string, { kind: string; label: string; pattern: string }[]>> = {
  banggai: {
    disdag: [
      {
        kind: 'perbaikan-data-kinerja',
        label: 'Dokumen Perbaikan Data Kinerja',
        pattern: '050/{seq}/Disdag/{romanMonth}/{year}',
      },
      { kind: 'nota-dinas', label: 'Nota Dinas', pattern: '005/{seq}/Disdag/{romanMonth}/{year}' },
    ],
    masama: [
      {
        kind: 'perbaikan-data-kinerja',
        label: 'Dokumen Perbaikan Data Kinerja',
        pattern: '050/{seq}/Kec.Msm/{romanMonth}/{year}',
      },
      {
        kind: 'laporan-kinerja',
        label: 'Laporan Monitoring Renstra',
        pattern: '050/{seq}/LM/Kec.Msm/{romanMonth}/{year}',
      },
    ],
  },
  sidoarjo: {
    disperindag: [
      { kind: 'sop', label: 'Standar Operasional Prosedur', pattern: 'SOP/{seq}/438.5.20/{year}' },
      { kind: 'perbaikan-data-kinerja', label: 'Dokumen Perbaikan Data Kinerja', pattern: '050/{seq}/438.5.20/{year}' },
      { kind: 'nota-dinas', label: 'Nota Dinas', pattern: '005/{seq}/438.5.20/{year}' },
    ],
  },
  kalbar: {
    'biro-organisasi': [
      { kind: 'perbaikan-data-kinerja', label: 'Dokumen Perbaikan Data Kinerja', pattern: '061/{seq}/Org/{year}' },
      { kind: 'nota-dinas', label: 'Nota Dinas', pattern: '061/{seq}/ND/Org/{year}' },
    ],
    dppesdm: [
      { kind: 'perbaikan-data-kinerja', label: 'Dokumen Perbaikan Data Kinerja', pattern: '{seq}/DPPESDM/{year}' },
      { kind: 'nota-dinas', label: 'Nota Dinas', pattern: '{seq}/ND/DPPESDM/{year}' },
    ],
  },
  'pesisir-selatan': {
    disdagtrans: [
      { kind: 'sop', label: 'Standar Operasional Prosedur', pattern: '510/{seq}.a/DP-Trans/{year}' },
      { kind: 'perbaikan-data-kinerja', label: 'Dokumen Perbaikan Data Kinerja', pattern: '510/{seq}/DP-Trans/{year}' },
      { kind: 'nota-dinas', label: 'Nota Dinas', pattern: '510/{seq}/ND/DP-Trans/{year}' },
    ],
  },
};

export async function loadDemoNumbering(tx: Tx, governmentId: string, governmentCode: string): Promise<number> {
  const ctx = systemContext('sidakin demo');
  let n = 0;
  for (const [agencyCode, list] of Object.entries(patterns[governmentCode] ?? {})) {
    const rows = await tx.query<{ id: string }>('SELECT id FROM agencies WHERE government_id = $1 AND code = $2', [
      governmentId,
      agencyCode,
    ]);
    const agencyId = rows[0]?.id;
    if (!agencyId) continue;
    for (const p of list) {
      await createPatternTx(tx, ctx, governmentId, { agencyId, ...p });
      n++;
    }
  }
  return n;
}
