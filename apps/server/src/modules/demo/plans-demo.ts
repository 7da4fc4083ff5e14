/**
 * Demo plans: for every demo agency a Renstra 2021–2026 (goals, objectives, programs, activities,
 * sub-activities, 9–12 indicators with baselines and yearly targets; shares of a whole valid in
 * 0–100, a few that require evidence), the Perjanjian Kinerja of 2025 and 2026 of the agency and,
 * cascaded, of its units, with rencana aksi per quarter, pagu and signatories; one perubahan; a few
 * individual indicators (IKI) of staff.
 *
 * Everything goes through the plans service, so the demo obeys the same rules as people do.
 * Figures are plausible, not real; the regional heads who sign as second party are fictional.
 */
import type { Tx } from '../../db/database.js';
import { systemContext } from '../../http/context.js';
import * as repo from '../plans/plans.repo.js';
import {
  cascadeAgreementTx,
  insertAgreementTx,
  insertIndicatorTx,
  insertIndividualIndicatorTx,
  insertNodeTx,
  insertPlanTx,
  reviseAgreementTx,
  setAgreementBudgetsTx,
  setAgreementSignatoriesTx,
  signAgreementTx,
  updateAgreementIndicatorTx,
} from '../plans/plans.service.js';

type Aggregation = 'sum' | 'last' | 'average' | 'max';
type Direction = 'higher_better' | 'lower_better' | 'range';
type IndicatorType = 'input' | 'output' | 'outcome' | 'impact';
/** A yearly figure: one value, or a range [low, high]. */
type Figure = string | [string, string];

interface DemoIndicator {
  name: string;
  /** Satuan. */
  uom: string;
  type: IndicatorType;
  agg: Aggregation;
  dir?: Direction;
  decimals?: number;
  key?: boolean;
  /** Baseline (2020). */
  base: string;
  /** Renstra targets 2021…2026. */
  targets: Figure[];
  definition?: string;
  formula?: string;
  source?: string;
  /** Rencana aksi differing from the even spread, per year (the agency's own choice). */
  quarters?: Partial<Record<number, [string, string, string, string]>>;
  /** The valid range of a realisasi; by default 0–100 for a share of a whole (see validRangeOf), null for none. */
  valid?: [string, string] | null;
  /** Every realisasi needs bukti dukung (the evaluators ask for the document behind it). */
  evidence?: boolean;
}

interface DemoNode {
  kind: 'goal' | 'objective' | 'program' | 'activity' | 'sub_activity';
  code: string;
  name: string;
  /** Responsible unit (code). */
  unit?: string;
  indicators?: DemoIndicator[];
  /** Pagu of an activity in 2025 and 2026 (a program's is the sum of its activities). */
  pagu?: [string, string];
  children?: DemoNode[];
}

interface DemoIki {
  /** Position code of the employee (the holder in 2026). */
  position: string;
  unit: string;
  /** Name of the unit indicator it is cascaded from. */
  parent: string;
  name: string;
  uom: string;
  annual: string;
}

interface DemoPlan {
  government: string;
  agency: string;
  name: string;
  decree: string;
  /** The official the head of the agency signs the agreement with (outside the system). */
  secondParty: { title: string; name: string; nip?: string };
  goals: DemoNode[];
  iki: DemoIki[];
  /** A perubahan of the agency's 2025 agreement. */
  revision?: { reason: string; indicator: string; annual: string; signedOn: string };
}

const START = 2021;
const END = 2026;
const AGREEMENT_YEARS = [2025, 2026] as const;
/** Signing dates: murni early in the year (2026 after the Masama Plt took office on 2 February). */
const SIGNED_ON: Record<number, string> = { 2025: '2025-01-20', 2026: '2026-02-05' };

const ind = (
  name: string,
  uom: string,
  type: IndicatorType,
  agg: Aggregation,
  base: string,
  targets: Figure[],
  more: Partial<DemoIndicator> = {},
): DemoIndicator => ({ name, uom, type, agg, base, targets, ...more });

const sakip = (agencyLabel: string, base: string, targets: string[]) =>
  ind(`Nilai SAKIP ${agencyLabel}`, 'nilai', 'outcome', 'last', base, targets, {
    key: true,
    decimals: 2,
    definition: 'Nilai hasil evaluasi akuntabilitas kinerja instansi pemerintah (AKIP) oleh Inspektorat.',
    source: 'Laporan Hasil Evaluasi AKIP',
  });

const timelyDocs = (base: string, targets: string[]) =>
  ind(
    'Persentase dokumen perencanaan dan pelaporan kinerja yang disusun tepat waktu',
    '%',
    'output',
    'last',
    base,
    targets,
    {
      formula: 'Jumlah dokumen tepat waktu / jumlah dokumen yang wajib disusun × 100',
      source: 'Sub Bagian Perencanaan',
    },
  );

const priceCv = (base: string, targets: string[]) =>
  ind('Koefisien variasi harga barang kebutuhan pokok', '%', 'outcome', 'last', base, targets, {
    key: true,
    dir: 'lower_better',
    decimals: 2,
    definition:
      'Tingkat fluktuasi harga barang kebutuhan pokok di pasar acuan; makin kecil makin stabil (simpangan baku / rata-rata harga).',
    formula: 'Simpangan baku harga / rata-rata harga × 100',
    source: 'Sistem Pemantauan Pasar Kebutuhan Pokok (SP2KP)',
  });

const uttp = (base: string, targets: string[]) =>
  ind(
    'Persentase alat ukur, takar, timbang dan perlengkapannya (UTTP) yang bertanda tera sah yang berlaku',
    '%',
    'outcome',
    'last',
    base,
    targets,
    { key: true, formula: 'UTTP bertanda tera sah / UTTP wajib tera × 100', source: 'UPTD Metrologi Legal' },
  );

// ── the six agencies ──────────────────────────────────────────────────────────────────────────

const banggaiDisdag: DemoPlan = {
  government: 'banggai',
  agency: 'disdag',
  name: 'Rencana Strategis Dinas Perdagangan Kabupaten Banggai 2021–2026',
  decree: 'Peraturan Bupati Banggai Nomor 18 Tahun 2021',
  secondParty: { title: 'Bupati Banggai', name: 'Drs. H. Arifin Tamalagi, M.Si.' },
  goals: [
    {
      kind: 'goal',
      code: '1',
      name: 'Meningkatnya stabilitas harga dan kelancaran distribusi barang kebutuhan pokok',
      children: [
        {
          kind: 'objective',
          code: '1.1',
          name: 'Terkendalinya harga dan terjaminnya ketersediaan barang kebutuhan pokok',
          indicators: [
            { ...priceCv('9.85', ['9.5', '9', '8.5', '8', '7.5', '7']), evidence: true },
            ind(
              'Persentase ketersediaan barang kebutuhan pokok',
              '%',
              'outcome',
              'average',
              '88',
              ['89', '90', '91', '92', '93', '94'],
              // Stock against need: above 100 % when supply exceeds it.
              { key: true, source: 'Neraca komoditas bulanan', valid: null },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '3.30.03',
              name: 'Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting',
              unit: 'bidang-perdagangan',
              indicators: [
                ind(
                  'Jumlah pasar yang dipantau harga dan stoknya',
                  'pasar',
                  'output',
                  'last',
                  '8',
                  ['8', '9', '10', '10', '11', '12'],
                  { decimals: 0 },
                ),
                ind('Frekuensi operasi pasar murah', 'kali', 'output', 'sum', '4', ['4', '4', '6', '6', '6', '8'], {
                  decimals: 0,
                  // An extra market operation before Idul Fitri: the quarters add up to 7, not 6.
                  quarters: { 2025: ['1', '1', '2', '3'] },
                }),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.03.2.01',
                  name: 'Penjaminan Ketersediaan Barang Kebutuhan Pokok dan Barang Penting di Tingkat Daerah Kabupaten/Kota',
                  unit: 'bidang-perdagangan',
                  pagu: ['875000000', '940000000'],
                  children: [
                    {
                      kind: 'sub_activity',
                      code: '3.30.03.2.01.0001',
                      name: 'Koordinasi, Sinkronisasi dan Pelaksanaan Pemantauan Harga dan Stok Barang Kebutuhan Pokok',
                      unit: 'seksi-distribusi',
                    },
                  ],
                },
                {
                  kind: 'activity',
                  code: '3.30.03.2.02',
                  name: 'Pengendalian Harga, Informasi Ketersediaan Stok dan Pasokan Barang Kebutuhan Pokok',
                  unit: 'bidang-perdagangan',
                  pagu: ['310000000', '335000000'],
                },
              ],
            },
          ],
        },
        {
          kind: 'objective',
          code: '1.2',
          name: 'Meningkatnya tertib ukur dan perlindungan konsumen',
          indicators: [{ ...uttp('62.4', ['65', '68', '71', '74', '77', '80']), evidence: true }],
          children: [
            {
              kind: 'program',
              code: '3.30.07',
              name: 'Program Standardisasi dan Perlindungan Konsumen',
              unit: 'bidang-metrologi',
              indicators: [
                ind(
                  'Jumlah UTTP yang ditera dan ditera ulang',
                  'unit',
                  'output',
                  'sum',
                  '4850',
                  ['5000', '5200', '5400', '5600', '5800', '6000'],
                  { decimals: 0 },
                ),
                ind('Persentase pengaduan konsumen yang ditindaklanjuti', '%', 'output', 'last', '80', [
                  '85',
                  '90',
                  '95',
                  '100',
                  '100',
                  '100',
                ]),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.07.2.01',
                  name: 'Pelaksanaan Metrologi Legal berupa Tera, Tera Ulang dan Pengawasan',
                  unit: 'bidang-metrologi',
                  pagu: ['620000000', '655000000'],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      kind: 'goal',
      code: '2',
      name: 'Meningkatnya kualitas sarana perdagangan',
      children: [
        {
          kind: 'objective',
          code: '2.1',
          name: 'Meningkatnya kualitas pasar rakyat',
          indicators: [
            ind(
              'Persentase pasar rakyat dalam kondisi baik',
              '%',
              'outcome',
              'last',
              '40',
              ['45', '50', '55', '60', '65', '70'],
              { key: true, source: 'Data sarana perdagangan (SISP)' },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '3.30.02',
              name: 'Program Peningkatan Sarana Distribusi Perdagangan',
              unit: 'bidang-pasar',
              indicators: [
                ind(
                  'Jumlah pasar rakyat yang direvitalisasi',
                  'pasar',
                  'output',
                  'sum',
                  '1',
                  ['1', '1', '2', '2', '2', '2'],
                  { decimals: 0 },
                ),
                // Collected against the year's target: it may well exceed 100 %.
                ind(
                  'Persentase realisasi retribusi pasar terhadap target',
                  '%',
                  'outcome',
                  'last',
                  '82',
                  ['85', '88', '90', '92', '95', '100'],
                  { valid: null },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.02.2.01',
                  name: 'Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan',
                  unit: 'bidang-pasar',
                  pagu: ['2450000000', '2780000000'],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      kind: 'goal',
      code: '3',
      name: 'Meningkatnya akuntabilitas kinerja Dinas Perdagangan',
      children: [
        {
          kind: 'objective',
          code: '3.1',
          name: 'Meningkatnya kualitas tata kelola dan akuntabilitas kinerja',
          indicators: [sakip('Dinas Perdagangan', '60.5', ['62', '64', '66', '68', '70', '72'])],
          children: [
            {
              kind: 'program',
              code: '3.30.01',
              name: 'Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota',
              unit: 'sekretariat',
              indicators: [timelyDocs('80', ['85', '90', '95', '100', '100', '100'])],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.01.2.01',
                  name: 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah',
                  unit: 'sekretariat',
                  pagu: ['185000000', '195000000'],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  iki: [
    {
      position: 'jp-perdagangan-1',
      unit: 'bidang-perdagangan',
      parent: 'Jumlah pasar yang dipantau harga dan stoknya',
      name: 'Jumlah laporan mingguan harga dan stok yang disusun',
      uom: 'laporan',
      annual: '52',
    },
    {
      position: 'jp-pasar-1',
      unit: 'bidang-pasar',
      parent: 'Jumlah pasar rakyat yang direvitalisasi',
      name: 'Jumlah dokumen teknis revitalisasi pasar yang disusun',
      uom: 'dokumen',
      annual: '4',
    },
    {
      position: 'jp-metrologi-1',
      unit: 'bidang-metrologi',
      parent: 'Jumlah UTTP yang ditera dan ditera ulang',
      name: 'Jumlah UTTP yang diadministrasikan hasil tera ulangnya',
      uom: 'unit',
      annual: '2400',
    },
  ],
  revision: {
    reason:
      'Penyesuaian target dan pagu akibat refocusing anggaran pada APBD Perubahan 2025 (revitalisasi satu pasar ditunda ke 2026)',
    indicator: 'Persentase pasar rakyat dalam kondisi baik',
    annual: '57',
    signedOn: '2025-09-15',
  },
};

const banggaiMasama: DemoPlan = {
  government: 'banggai',
  agency: 'masama',
  name: 'Rencana Strategis Kecamatan Masama 2021–2026',
  decree: 'Peraturan Bupati Banggai Nomor 31 Tahun 2021',
  secondParty: { title: 'Bupati Banggai', name: 'Drs. H. Arifin Tamalagi, M.Si.' },
  goals: [
    {
      kind: 'goal',
      code: '1',
      name: 'Meningkatnya kualitas pelayanan publik di Kecamatan Masama',
      children: [
        {
          kind: 'objective',
          code: '1.1',
          name: 'Meningkatnya kepuasan masyarakat terhadap pelayanan kecamatan',
          indicators: [
            ind(
              'Indeks Kepuasan Masyarakat (IKM) terhadap pelayanan kecamatan',
              'indeks',
              'outcome',
              'last',
              '78.2',
              ['79', '80', '81', '82', '83', '84'],
              {
                key: true,
                decimals: 2,
                definition: 'Hasil survei kepuasan masyarakat menurut PermenPANRB Nomor 14 Tahun 2017, skala 25–100.',
                source: 'Laporan Survei Kepuasan Masyarakat',
              },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '7.01.02',
              name: 'Program Penyelenggaraan Pemerintahan dan Pelayanan Publik',
              unit: 'seksi-pelayanan-umum',
              indicators: [
                ind(
                  'Persentase layanan administrasi terpadu (PATEN) yang diselesaikan sesuai standar waktu',
                  '%',
                  'output',
                  'last',
                  '85',
                  ['87', '89', '91', '93', '95', '97'],
                ),
                ind(
                  'Jumlah dokumen layanan administrasi yang diterbitkan',
                  'dokumen',
                  'output',
                  'sum',
                  '1180',
                  ['1200', '1250', '1300', '1350', '1400', '1450'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '7.01.02.2.02',
                  name: 'Penyelenggaraan Pelayanan Administrasi Terpadu Kecamatan',
                  unit: 'seksi-pelayanan-umum',
                  pagu: ['142000000', '150000000'],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      kind: 'goal',
      code: '2',
      name: 'Meningkatnya efektivitas penyelenggaraan pemerintahan kecamatan',
      children: [
        {
          kind: 'objective',
          code: '2.1',
          name: 'Meningkatnya kualitas pembinaan pemerintahan desa dan kelurahan',
          indicators: [
            ind(
              'Persentase desa/kelurahan yang menyampaikan laporan penyelenggaraan pemerintahan tepat waktu',
              '%',
              'outcome',
              'last',
              '70',
              ['75', '80', '85', '90', '95', '100'],
              { key: true },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '7.01.05',
              name: 'Program Koordinasi Penyelenggaraan Kegiatan Pemerintahan Desa',
              unit: 'seksi-pemerintahan',
              indicators: [
                ind(
                  'Jumlah desa yang difasilitasi penyusunan RPJMDes dan RKPDes',
                  'desa',
                  'output',
                  'last',
                  '7',
                  ['8', '9', '10', '11', '12', '13'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '7.01.05.2.01',
                  name: 'Fasilitasi Penyelenggaraan Pemerintahan Desa',
                  unit: 'seksi-pemerintahan',
                  pagu: ['96000000', '104000000'],
                },
              ],
            },
            {
              kind: 'program',
              code: '7.01.03',
              name: 'Program Pemberdayaan Masyarakat Desa dan Kelurahan',
              unit: 'seksi-pmd',
              indicators: [
                ind(
                  'Jumlah kelompok masyarakat desa yang dibina',
                  'kelompok',
                  'output',
                  'sum',
                  '18',
                  ['20', '22', '24', '26', '28', '30'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '7.01.03.2.01',
                  name: 'Fasilitasi Pemberdayaan Masyarakat Desa',
                  unit: 'seksi-pmd',
                  pagu: ['88000000', '92000000'],
                },
              ],
            },
          ],
        },
        {
          kind: 'objective',
          code: '2.2',
          name: 'Terjaganya ketentraman dan ketertiban umum',
          indicators: [
            ind(
              'Jumlah kejadian gangguan ketentraman dan ketertiban umum',
              'kejadian',
              'outcome',
              'sum',
              '24',
              ['22', '20', '18', '16', '14', '12'],
              { key: true, dir: 'lower_better', decimals: 0 },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '7.01.04',
              name: 'Program Koordinasi Ketentraman dan Ketertiban Umum',
              unit: 'seksi-trantibum',
              indicators: [
                ind('Persentase gangguan trantibum yang ditangani', '%', 'output', 'last', '90', [
                  '92',
                  '94',
                  '96',
                  '98',
                  '100',
                  '100',
                ]),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '7.01.04.2.01',
                  name: 'Koordinasi Upaya Penyelenggaraan Ketentraman dan Ketertiban Umum',
                  unit: 'seksi-trantibum',
                  pagu: ['74000000', '79000000'],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      kind: 'goal',
      code: '3',
      name: 'Meningkatnya akuntabilitas kinerja Kecamatan Masama',
      children: [
        {
          kind: 'objective',
          code: '3.1',
          name: 'Meningkatnya kualitas perencanaan dan pelaporan kinerja',
          indicators: [sakip('Kecamatan Masama', '58.2', ['60', '62', '63', '64', '66', '68'])],
          children: [
            {
              kind: 'program',
              code: '7.01.01',
              name: 'Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota',
              unit: 'sekretariat',
              indicators: [timelyDocs('75', ['80', '85', '90', '95', '100', '100'])],
              children: [
                {
                  kind: 'activity',
                  code: '7.01.01.2.01',
                  name: 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah',
                  unit: 'sekretariat',
                  pagu: ['64000000', '68000000'],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  iki: [
    {
      position: 'pelaksana-pelayanan',
      unit: 'seksi-pelayanan-umum',
      parent: 'Jumlah dokumen layanan administrasi yang diterbitkan',
      name: 'Jumlah berkas layanan administrasi yang diverifikasi',
      uom: 'berkas',
      annual: '1400',
    },
    {
      position: 'pelaksana-pmd',
      unit: 'seksi-pmd',
      parent: 'Jumlah kelompok masyarakat desa yang dibina',
      name: 'Jumlah laporan pembinaan kelompok masyarakat yang disusun',
      uom: 'laporan',
      annual: '12',
    },
  ],
};

const sidoarjoDisperindag: DemoPlan = {
  government: 'sidoarjo',
  agency: 'disperindag',
  name: 'Rencana Strategis Dinas Perindustrian dan Perdagangan Kabupaten Sidoarjo 2021–2026',
  decree: 'Peraturan Bupati Sidoarjo Nomor 47 Tahun 2021',
  secondParty: { title: 'Bupati Sidoarjo', name: 'H. Mochammad Sholeh Hidayat, S.H., M.H.' },
  goals: [
    {
      kind: 'goal',
      code: '1',
      name: 'Meningkatnya daya saing industri dan perdagangan daerah',
      children: [
        {
          kind: 'objective',
          code: '1.1',
          name: 'Meningkatnya kinerja industri kecil dan menengah',
          indicators: [
            ind(
              'Pertumbuhan nilai produksi industri kecil dan menengah',
              '%',
              'outcome',
              'last',
              '4.1',
              ['4.5', '5', '5.25', '5.5', '5.75', '6'],
              { key: true, decimals: 2, source: 'Survei IKM tahunan' },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '3.31.02',
              name: 'Program Perencanaan dan Pembangunan Industri',
              unit: 'bidang-perindustrian',
              indicators: [
                ind(
                  'Jumlah IKM yang dibina',
                  'IKM',
                  'output',
                  'sum',
                  '350',
                  ['360', '380', '400', '420', '440', '460'],
                  {
                    decimals: 0,
                  },
                ),
                ind(
                  'Jumlah IKM yang memperoleh sertifikat halal atau SNI',
                  'IKM',
                  'output',
                  'sum',
                  '40',
                  ['45', '50', '55', '60', '65', '70'],
                  { decimals: 0, evidence: true },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.31.02.2.01',
                  name: 'Penyusunan, Penerapan dan Evaluasi Rencana Pembangunan Industri Kabupaten/Kota',
                  unit: 'bidang-perindustrian',
                  pagu: ['1325000000', '1410000000'],
                },
              ],
            },
          ],
        },
        {
          kind: 'objective',
          code: '1.2',
          name: 'Meningkatnya nilai ekspor dan stabilitas harga barang kebutuhan pokok',
          indicators: [
            ind(
              'Nilai ekspor non-migas daerah',
              'USD juta',
              'outcome',
              'sum',
              '1250.75',
              ['1300', '1350', '1400', '1450', '1500', '1550'],
              { key: true, decimals: 2, source: 'Surat Keterangan Asal (SKA) yang diterbitkan' },
            ),
            priceCv('7.2', ['7', '6.8', '6.5', '6.2', '6', '5.8']),
          ],
          children: [
            {
              kind: 'program',
              code: '3.30.06',
              name: 'Program Pengembangan Ekspor',
              unit: 'bidang-perdagangan',
              indicators: [
                ind(
                  'Jumlah pelaku usaha yang difasilitasi promosi ekspor',
                  'pelaku usaha',
                  'output',
                  'sum',
                  '30',
                  ['35', '40', '45', '50', '55', '60'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.06.2.01',
                  name: 'Penyelenggaraan Promosi Dagang melalui Pameran Dagang dan Misi Dagang',
                  unit: 'bidang-perdagangan',
                  pagu: ['860000000', '905000000'],
                },
              ],
            },
            {
              kind: 'program',
              code: '3.30.03',
              name: 'Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting',
              unit: 'bidang-perdagangan',
              indicators: [
                ind(
                  'Jumlah pasar yang dipantau harga dan stoknya',
                  'pasar',
                  'output',
                  'last',
                  '12',
                  ['12', '14', '16', '16', '18', '20'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.03.2.01',
                  name: 'Penjaminan Ketersediaan Barang Kebutuhan Pokok dan Barang Penting',
                  unit: 'bidang-perdagangan',
                  pagu: ['540000000', '575000000'],
                },
              ],
            },
          ],
        },
        {
          kind: 'objective',
          code: '1.3',
          name: 'Meningkatnya tertib ukur',
          indicators: [uttp('71.3', ['73', '75', '77', '79', '81', '83'])],
          children: [
            {
              kind: 'program',
              code: '3.30.07',
              name: 'Program Standardisasi dan Perlindungan Konsumen',
              unit: 'bidang-kemetrologian',
              indicators: [
                ind(
                  'Jumlah UTTP yang ditera ulang',
                  'unit',
                  'output',
                  'sum',
                  '21500',
                  ['22000', '22500', '23000', '23500', '24000', '24500'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.07.2.01',
                  name: 'Pelaksanaan Metrologi Legal berupa Tera, Tera Ulang dan Pengawasan',
                  unit: 'bidang-kemetrologian',
                  pagu: ['990000000', '1040000000'],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      kind: 'goal',
      code: '2',
      name: 'Meningkatnya akuntabilitas kinerja Dinas',
      children: [
        {
          kind: 'objective',
          code: '2.1',
          name: 'Meningkatnya kualitas tata kelola dan akuntabilitas kinerja',
          indicators: [sakip('Dinas Perindustrian dan Perdagangan', '68.4', ['70', '71', '72', '73', '74', '75'])],
          children: [
            {
              kind: 'program',
              code: '3.30.01',
              name: 'Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota',
              unit: 'sekretariat',
              indicators: [timelyDocs('85', ['90', '95', '100', '100', '100', '100'])],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.01.2.01',
                  name: 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah',
                  unit: 'sekretariat',
                  pagu: ['215000000', '228000000'],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  iki: [
    {
      position: 'staf-perindustrian',
      unit: 'bidang-perindustrian',
      parent: 'Jumlah IKM yang dibina',
      name: 'Jumlah data profil IKM yang dimutakhirkan',
      uom: 'IKM',
      annual: '440',
    },
    {
      position: 'penera',
      unit: 'bidang-kemetrologian',
      parent: 'Jumlah UTTP yang ditera ulang',
      name: 'Jumlah UTTP yang ditera ulang oleh penera',
      uom: 'unit',
      annual: '6000',
    },
  ],
};

const kalbarBiroOrganisasi: DemoPlan = {
  government: 'kalbar',
  agency: 'biro-organisasi',
  name: 'Rencana Strategis Biro Organisasi Sekretariat Daerah Provinsi Kalimantan Barat 2021–2026',
  decree: 'Peraturan Gubernur Kalimantan Barat Nomor 52 Tahun 2021',
  secondParty: { title: 'Sekretaris Daerah Provinsi Kalimantan Barat', name: 'Dr. Hendrikus Saragi, M.T.' },
  goals: [
    {
      kind: 'goal',
      code: '1',
      name: 'Terwujudnya birokrasi Pemerintah Provinsi yang akuntabel, efektif dan melayani',
      children: [
        {
          kind: 'objective',
          code: '1.1',
          name: 'Meningkatnya akuntabilitas kinerja dan reformasi birokrasi Pemerintah Provinsi',
          indicators: [
            ind(
              'Nilai SAKIP Pemerintah Provinsi Kalimantan Barat',
              'nilai',
              'outcome',
              'last',
              '66.12',
              ['67', '68', '69', '70', '71.5', '73'],
              { key: true, decimals: 2, source: 'LHE AKIP Kementerian PANRB' },
            ),
            ind(
              'Indeks Reformasi Birokrasi Pemerintah Provinsi',
              'indeks',
              'outcome',
              'last',
              '68.5',
              ['70', '71.5', '73', '74.5', '76', '77.5'],
              { key: true, decimals: 2, source: 'Hasil evaluasi reformasi birokrasi' },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '4.01.05',
              name: 'Program Fasilitasi Reformasi Birokrasi dan Akuntabilitas Kinerja',
              unit: 'bagian-rb-akuntabilitas',
              indicators: [
                ind(
                  'Persentase perangkat daerah dengan nilai SAKIP minimal B',
                  '%',
                  'outcome',
                  'last',
                  '60',
                  ['65', '70', '75', '80', '85', '90'],
                  // The Laporan Hasil Evaluasi AKIP of each agency backs the figure.
                  { evidence: true },
                ),
                ind(
                  'Jumlah perangkat daerah yang dievaluasi akuntabilitas kinerjanya',
                  'perangkat daerah',
                  'output',
                  'last',
                  '45',
                  ['45', '45', '46', '46', '46', '46'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '4.01.05.2.01',
                  name: 'Fasilitasi Pelaksanaan Reformasi Birokrasi dan Akuntabilitas Kinerja Perangkat Daerah',
                  unit: 'bagian-rb-akuntabilitas',
                  pagu: ['1180000000', '1235000000'],
                },
              ],
            },
          ],
        },
        {
          kind: 'objective',
          code: '1.2',
          name: 'Meningkatnya efektivitas kelembagaan dan kualitas pelayanan publik',
          indicators: [
            ind(
              'Indeks Pelayanan Publik Pemerintah Provinsi',
              'indeks',
              'outcome',
              'last',
              '3.85',
              ['3.9', '4', '4.05', '4.1', '4.2', '4.3'],
              { key: true, decimals: 2, definition: 'Hasil evaluasi pelayanan publik, skala 1–5.' },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '4.01.06',
              name: 'Program Fasilitasi Kelembagaan dan Analisis Jabatan',
              unit: 'bagian-kelembagaan',
              indicators: [
                ind(
                  'Jumlah perangkat daerah yang dievaluasi kelembagaannya',
                  'perangkat daerah',
                  'output',
                  'sum',
                  '12',
                  ['12', '14', '15', '16', '16', '18'],
                  { decimals: 0 },
                ),
                ind(
                  'Jumlah dokumen analisis jabatan dan analisis beban kerja yang ditetapkan',
                  'dokumen',
                  'output',
                  'sum',
                  '30',
                  ['32', '35', '38', '40', '42', '45'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '4.01.06.2.01',
                  name: 'Fasilitasi Penataan Kelembagaan dan Analisis Jabatan Perangkat Daerah',
                  unit: 'bagian-kelembagaan',
                  pagu: ['760000000', '790000000'],
                },
              ],
            },
            {
              kind: 'program',
              code: '4.01.07',
              name: 'Program Fasilitasi Pelayanan Publik dan Tata Laksana',
              unit: 'bagian-tatalaksana',
              indicators: [
                ind(
                  'Jumlah SOP perangkat daerah yang direviu',
                  'SOP',
                  'output',
                  'sum',
                  '120',
                  ['150', '180', '200', '220', '240', '260'],
                  { decimals: 0 },
                ),
                ind('Persentase unit pelayanan publik yang dievaluasi', '%', 'output', 'last', '35', [
                  '40',
                  '50',
                  '60',
                  '70',
                  '80',
                  '90',
                ]),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '4.01.07.2.01',
                  name: 'Fasilitasi Pelayanan Publik dan Tata Laksana Perangkat Daerah',
                  unit: 'bagian-tatalaksana',
                  pagu: ['685000000', '720000000'],
                  children: [
                    {
                      kind: 'sub_activity',
                      code: '4.01.07.2.01.0004',
                      name: 'Penyusunan dan Reviu Standar Operasional Prosedur Perangkat Daerah',
                      unit: 'subbag-tu',
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  iki: [
    {
      position: 'analis-akuntabilitas',
      unit: 'bagian-rb-akuntabilitas',
      parent: 'Jumlah perangkat daerah yang dievaluasi akuntabilitas kinerjanya',
      name: 'Jumlah kertas kerja evaluasi AKIP perangkat daerah yang disusun',
      uom: 'kertas kerja',
      annual: '23',
    },
    {
      position: 'analis-tatalaksana',
      unit: 'bagian-tatalaksana',
      parent: 'Jumlah SOP perangkat daerah yang direviu',
      name: 'Jumlah SOP perangkat daerah yang direviu dan diberi catatan',
      uom: 'SOP',
      annual: '120',
    },
  ],
};

const kalbarDppesdm: DemoPlan = {
  government: 'kalbar',
  agency: 'dppesdm',
  name: 'Rencana Strategis Dinas Perindustrian, Perdagangan, Energi dan Sumber Daya Mineral Provinsi Kalimantan Barat 2021–2026',
  decree: 'Peraturan Gubernur Kalimantan Barat Nomor 49 Tahun 2021',
  secondParty: { title: 'Gubernur Kalimantan Barat', name: 'Dr. H. Yohanes Kurniadi, M.Si.' },
  goals: [
    {
      kind: 'goal',
      code: '1',
      name: 'Meningkatnya kontribusi sektor industri, perdagangan dan ESDM terhadap perekonomian daerah',
      children: [
        {
          kind: 'objective',
          code: '1.1',
          name: 'Meningkatnya kinerja sektor industri pengolahan',
          indicators: [
            ind(
              'Kontribusi sektor industri pengolahan terhadap PDRB',
              '%',
              'outcome',
              'last',
              '16.8',
              ['17', '17.2', '17.4', '17.6', '17.8', '18'],
              { key: true, type: 'impact', decimals: 2, source: 'BPS Provinsi Kalimantan Barat' },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '3.31.03',
              name: 'Program Pengendalian Izin Usaha Industri',
              unit: 'bidang-perindustrian',
              indicators: [
                ind(
                  'Jumlah IKM yang difasilitasi sertifikasi produk',
                  'IKM',
                  'output',
                  'sum',
                  '55',
                  ['60', '65', '70', '75', '80', '85'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.31.03.2.01',
                  name: 'Pengawasan dan Pembinaan Industri Kecil dan Menengah',
                  unit: 'bidang-perindustrian',
                  pagu: ['940000000', '985000000'],
                },
              ],
            },
          ],
        },
        {
          kind: 'objective',
          code: '1.2',
          name: 'Terkendalinya inflasi bahan pangan dan meningkatnya ekspor',
          indicators: [
            ind(
              'Tingkat inflasi kelompok makanan, minuman dan tembakau',
              '%',
              'impact',
              'last',
              '5.1',
              [
                ['2.5', '4.5'],
                ['2.5', '4.5'],
                ['2.5', '4.5'],
                ['2', '4'],
                ['2', '4'],
                ['2', '4'],
              ],
              {
                key: true,
                dir: 'range',
                decimals: 2,
                definition:
                  'Inflasi tahunan (year on year) kelompok pengeluaran makanan, minuman dan tembakau; sasaran berupa rentang.',
                source: 'BPS Provinsi Kalimantan Barat',
              },
            ),
            ind(
              'Nilai ekspor non-migas provinsi',
              'USD juta',
              'outcome',
              'sum',
              '1820.5',
              ['1850', '1900', '1950', '2000', '2050', '2100'],
              { key: true, decimals: 2 },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '3.30.03',
              name: 'Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting',
              unit: 'bidang-perdagangan',
              indicators: [
                ind(
                  'Jumlah kabupaten/kota yang difasilitasi pemantauan harga',
                  'kabupaten/kota',
                  'output',
                  'last',
                  '10',
                  ['11', '12', '13', '14', '14', '14'],
                  { decimals: 0 },
                ),
                ind(
                  'Jumlah pelaku usaha ekspor yang dibina',
                  'pelaku usaha',
                  'output',
                  'sum',
                  '40',
                  ['45', '50', '55', '60', '65', '70'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.03.2.01',
                  name: 'Penjaminan Ketersediaan Barang Kebutuhan Pokok dan Barang Penting Lintas Kabupaten/Kota',
                  unit: 'bidang-perdagangan',
                  pagu: ['1120000000', '1190000000'],
                },
              ],
            },
          ],
        },
        {
          kind: 'objective',
          code: '1.3',
          name: 'Meningkatnya akses energi listrik dan tata kelola pertambangan',
          indicators: [
            ind('Rasio elektrifikasi', '%', 'outcome', 'last', '90.2', ['91.5', '93', '94.5', '96', '97.5', '99'], {
              key: true,
              decimals: 2,
              formula: 'Rumah tangga berlistrik / jumlah rumah tangga × 100',
            }),
          ],
          children: [
            {
              kind: 'program',
              code: '3.33.02',
              name: 'Program Pengelolaan Ketenagalistrikan',
              unit: 'bidang-energi',
              indicators: [
                ind(
                  'Jumlah rumah tangga yang memperoleh bantuan pasang baru listrik',
                  'rumah tangga',
                  'output',
                  'sum',
                  '1500',
                  ['1600', '1800', '2000', '2200', '2400', '2600'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.33.02.2.01',
                  name: 'Penyediaan Dana untuk Kelompok Masyarakat Tidak Mampu, Daerah Belum Berkembang, Daerah Terpencil dan Perdesaan',
                  unit: 'bidang-energi',
                  pagu: ['3250000000', '3600000000'],
                },
              ],
            },
            {
              kind: 'program',
              code: '3.34.02',
              name: 'Program Pengelolaan Mineral dan Batubara',
              unit: 'bidang-minerba',
              indicators: [
                ind('Persentase izin usaha pertambangan yang dibina dan diawasi', '%', 'output', 'last', '55', [
                  '60',
                  '65',
                  '70',
                  '75',
                  '80',
                  '85',
                ]),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.34.02.2.01',
                  name: 'Pembinaan dan Pengawasan Pengusahaan Mineral dan Batubara',
                  unit: 'bidang-minerba',
                  pagu: ['830000000', '870000000'],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  iki: [
    {
      position: 'staf-energi',
      unit: 'bidang-energi',
      parent: 'Jumlah rumah tangga yang memperoleh bantuan pasang baru listrik',
      name: 'Jumlah data calon penerima bantuan pasang baru listrik yang diverifikasi',
      uom: 'rumah tangga',
      annual: '2600',
    },
  ],
};

const pesselDisdagtrans: DemoPlan = {
  government: 'pesisir-selatan',
  agency: 'disdagtrans',
  name: 'Rencana Strategis Dinas Perdagangan dan Transmigrasi Kabupaten Pesisir Selatan 2021–2026',
  decree: 'Peraturan Bupati Pesisir Selatan Nomor 36 Tahun 2021',
  secondParty: { title: 'Bupati Pesisir Selatan', name: 'Drs. H. Zulkarnaini Datuk Rajo Batuah, M.M.' },
  goals: [
    {
      kind: 'goal',
      code: '1',
      name: 'Meningkatnya stabilitas harga dan kualitas sarana perdagangan',
      children: [
        {
          kind: 'objective',
          code: '1.1',
          name: 'Terkendalinya harga barang kebutuhan pokok',
          indicators: [priceCv('8.9', ['8.6', '8.3', '8', '7.7', '7.4', '7.1'])],
          children: [
            {
              kind: 'program',
              code: '3.30.03',
              name: 'Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting',
              unit: 'bidang-perdagangan',
              indicators: [
                ind(
                  'Frekuensi pemantauan harga barang kebutuhan pokok',
                  'kali',
                  'output',
                  'sum',
                  '48',
                  ['52', '52', '52', '52', '52', '52'],
                  { decimals: 0 },
                ),
                ind(
                  'Jumlah UTTP yang ditera ulang',
                  'unit',
                  'output',
                  'sum',
                  '3100',
                  ['3200', '3300', '3400', '3500', '3600', '3700'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.03.2.01',
                  name: 'Penjaminan Ketersediaan Barang Kebutuhan Pokok dan Barang Penting di Tingkat Daerah Kabupaten/Kota',
                  unit: 'bidang-perdagangan',
                  pagu: ['465000000', '498000000'],
                },
              ],
            },
          ],
        },
        {
          kind: 'objective',
          code: '1.2',
          name: 'Meningkatnya kualitas pasar rakyat',
          indicators: [
            ind(
              'Persentase pasar rakyat dalam kondisi baik',
              '%',
              'outcome',
              'last',
              '35',
              ['38', '42', '46', '50', '54', '58'],
              { key: true },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '3.30.02',
              name: 'Program Peningkatan Sarana Distribusi Perdagangan',
              unit: 'bidang-pasar',
              indicators: [
                ind(
                  'Jumlah pasar rakyat yang direvitalisasi',
                  'pasar',
                  'output',
                  'sum',
                  '1',
                  ['1', '2', '2', '2', '3', '3'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.02.2.01',
                  name: 'Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan',
                  unit: 'bidang-pasar',
                  pagu: ['3150000000', '3420000000'],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      kind: 'goal',
      code: '2',
      name: 'Meningkatnya kesejahteraan masyarakat di kawasan transmigrasi',
      children: [
        {
          kind: 'objective',
          code: '2.1',
          name: 'Meningkatnya kemandirian satuan permukiman transmigrasi',
          indicators: [
            ind(
              'Persentase satuan permukiman transmigrasi yang mandiri',
              '%',
              'outcome',
              'last',
              '40',
              ['45', '50', '55', '60', '65', '70'],
              { key: true, formula: 'SP berstatus mandiri / jumlah SP yang dibina × 100' },
            ),
          ],
          children: [
            {
              kind: 'program',
              code: '3.29.02',
              name: 'Program Pembangunan Kawasan Transmigrasi',
              unit: 'bidang-transmigrasi',
              indicators: [
                ind(
                  'Jumlah kepala keluarga transmigran yang difasilitasi pelatihan usaha',
                  'KK',
                  'output',
                  'sum',
                  '120',
                  ['130', '140', '150', '160', '170', '180'],
                  { decimals: 0 },
                ),
                ind(
                  'Jumlah satuan permukiman transmigrasi yang dibina',
                  'SP',
                  'output',
                  'last',
                  '4',
                  ['4', '4', '5', '5', '5', '6'],
                  { decimals: 0 },
                ),
              ],
              children: [
                {
                  kind: 'activity',
                  code: '3.29.02.2.01',
                  name: 'Pengembangan Satuan Permukiman pada Tahap Kemandirian',
                  unit: 'bidang-transmigrasi',
                  pagu: ['780000000', '815000000'],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      kind: 'goal',
      code: '3',
      name: 'Meningkatnya akuntabilitas kinerja Dinas',
      children: [
        {
          kind: 'objective',
          code: '3.1',
          name: 'Meningkatnya kualitas tata kelola dan akuntabilitas kinerja',
          indicators: [sakip('Dinas Perdagangan dan Transmigrasi', '61.3', ['63', '65', '67', '68', '70', '72'])],
          children: [
            {
              kind: 'program',
              code: '3.30.01',
              name: 'Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota',
              unit: 'sekretariat',
              indicators: [timelyDocs('80', ['85', '90', '95', '100', '100', '100'])],
              children: [
                {
                  kind: 'activity',
                  code: '3.30.01.2.01',
                  name: 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah',
                  unit: 'sekretariat',
                  pagu: ['172000000', '181000000'],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  iki: [
    {
      position: 'op-transmigrasi',
      unit: 'bidang-transmigrasi',
      parent: 'Jumlah kepala keluarga transmigran yang difasilitasi pelatihan usaha',
      name: 'Jumlah data peserta pelatihan usaha transmigran yang dihimpun',
      uom: 'KK',
      annual: '180',
    },
    {
      position: 'op-perdagangan',
      unit: 'bidang-perdagangan',
      parent: 'Frekuensi pemantauan harga barang kebutuhan pokok',
      name: 'Jumlah entri data harga mingguan ke aplikasi',
      uom: 'kali',
      annual: '52',
    },
  ],
  revision: {
    reason: 'Penyesuaian target setelah pergeseran anggaran pembangunan pasar pada APBD Perubahan 2025',
    indicator: 'Persentase pasar rakyat dalam kondisi baik',
    annual: '48',
    signedOn: '2025-09-22',
  },
};

export const demoPlans: DemoPlan[] = [
  banggaiDisdag,
  banggaiMasama,
  sidoarjoDisperindag,
  kalbarBiroOrganisasi,
  kalbarDppesdm,
  pesselDisdagtrans,
];

// ── loading ──────────────────────────────────────────────────────────────────────────────────

/** Rencana aksi from the annual target: flows spread evenly, stocks climb from last year to this year. */
function spreadQuarters(
  agg: Aggregation,
  annual: Figure,
  previous: Figure,
  decimals: number,
): [Figure, Figure, Figure, Figure] {
  if (Array.isArray(annual)) return [annual, annual, annual, annual];
  const scale = 10 ** decimals;
  const fmt = (units: number) => String(Number((units / scale).toFixed(decimals)));
  const total = Math.round(Number(annual) * scale);
  if (agg === 'sum') {
    const each = Math.floor(total / 4);
    return [fmt(each), fmt(each), fmt(each), fmt(total - 3 * each)];
  }
  if (agg === 'last' && !Array.isArray(previous)) {
    const from = Math.round(Number(previous) * scale);
    return [1, 2, 3, 4].map((q) => fmt(Math.round(from + ((total - from) * q) / 4))) as [
      string,
      string,
      string,
      string,
    ];
  }
  return [annual, annual, annual, annual];
}

const asTarget = (f: Figure) => (Array.isArray(f) ? { low: f[0], high: f[1] } : { value: f });

/** A share of a whole ("Persentase …", a ratio, a contribution, in %) lies in 0–100 unless the indicator says otherwise. */
function validRangeOf(spec: DemoIndicator): [string, string] | null {
  if (spec.valid !== undefined) return spec.valid;
  return spec.uom === '%' && /^(Persentase|Rasio|Kontribusi) /.test(spec.name) ? ['0', '100'] : null;
}

interface Loaded {
  planId: string;
  agencyId: string;
  unitIds: Map<string, string>;
  /** indicator name → id and its definition */
  indicators: Map<string, { id: string; spec: DemoIndicator }>;
  /** activity node id → unit code and pagu; program node id → its activities */
  activities: { nodeId: string; programId: string; unit: string; pagu: [string, string] }[];
}

async function loadTree(tx: Tx, governmentId: string, plan: DemoPlan): Promise<Loaded> {
  const ctx = systemContext('sidakin demo');
  const agencyId = await repo.agencyIdByCode(tx, governmentId, plan.agency);
  if (!agencyId) throw new Error(`Demo plan for unknown agency ${plan.agency}`);
  const unitIds = new Map((await repo.agencyUnits(tx, agencyId)).map((u) => [u.code, u.id]));
  const unitId = (code: string | undefined) => {
    if (!code) return null;
    const id = unitIds.get(code);
    if (!id) throw new Error(`Demo plan of ${plan.agency} names unknown unit ${code}`);
    return id;
  };
  const created = await insertPlanTx(tx, ctx, governmentId, {
    agencyId,
    name: plan.name,
    startYear: START,
    endYear: END,
    status: 'established',
    decreeNumber: plan.decree,
  });
  const loaded: Loaded = { planId: created.id, agencyId, unitIds, indicators: new Map(), activities: [] };
  const walk = async (nodes: DemoNode[], parentId: string | null, programId: string | null) => {
    for (const n of nodes) {
      const node = await insertNodeTx(tx, ctx, governmentId, created.id, {
        parentId,
        kind: n.kind,
        code: n.code,
        name: n.name,
        unitId: unitId(n.unit),
      });
      for (const [k, spec] of (n.indicators ?? []).entries()) {
        const indicator = await insertIndicatorTx(tx, ctx, governmentId, created.id, {
          nodeId: node.id,
          code: spec.key ? `IKU ${n.code}.${k + 1}` : `${n.code}.${k + 1}`,
          name: spec.name,
          unitOfMeasure: spec.uom,
          direction: spec.dir ?? 'higher_better',
          definition: spec.definition,
          formula: spec.formula,
          dataSource: spec.source,
          isKey: spec.key ?? false,
          type: spec.type,
          aggregation: spec.agg,
          decimals: spec.decimals ?? 2,
          baselineValue: spec.base,
          baselineYear: START - 1,
          targets: spec.targets.map((f, i) => ({ year: START + i, ...asTarget(f) })),
          endTarget: asTarget(spec.targets[spec.targets.length - 1]!),
          validMin: validRangeOf(spec)?.[0] ?? null,
          validMax: validRangeOf(spec)?.[1] ?? null,
          evidenceRequired: spec.evidence ?? false,
        });
        loaded.indicators.set(spec.name, { id: indicator.id, spec });
      }
      if (n.kind === 'activity' && n.pagu && programId && n.unit) {
        loaded.activities.push({ nodeId: node.id, programId, unit: n.unit, pagu: n.pagu });
      }
      await walk(n.children ?? [], node.id, n.kind === 'program' ? node.id : programId);
    }
  };
  await walk(plan.goals, null, null);
  return loaded;
}

/** Positions heading the agency (unit null) or a unit, and their holders on a date. */
async function signer(tx: Tx, agencyId: string, unit: repo.UnitLite | null, date: string) {
  for (const positionId of await repo.headPositionIds(tx, agencyId, unit?.id ?? null, unit?.kind === 'sekretariat')) {
    const holder = await repo.holderOn(tx, positionId, date);
    if (holder) return { positionId, employeeId: holder.employee_id };
  }
  return null;
}

/** Quarterly targets for every row, the pagu, the signatories, then the signature. */
async function completeAgreement(
  tx: Tx,
  governmentId: string,
  plan: DemoPlan,
  loaded: Loaded,
  agreementId: string,
  year: number,
  signedOn: string,
): Promise<void> {
  const ctx = systemContext('sidakin demo');
  const detail = (await repo.getAgreement(tx, governmentId, agreementId))!;
  const specs = new Map([...loaded.indicators.values()].map((v) => [v.id, v.spec]));
  for (const row of await repo.agreementIndicators(tx, agreementId)) {
    const spec = specs.get(row.indicator_id)!;
    const i = year - START;
    const annual = spec.targets[i]!;
    const q =
      spec.quarters?.[year] ?? spreadQuarters(spec.agg, annual, spec.targets[i - 1] ?? spec.base, spec.decimals ?? 2);
    await updateAgreementIndicatorTx(tx, ctx, governmentId, agreementId, row.id, {
      quarters: { q1: asTarget(q[0]), q2: asTarget(q[1]), q3: asTarget(q[2]), q4: asTarget(q[3]) },
    });
  }
  const paguIndex = year === 2025 ? 0 : 1;
  const unitCode = detail.unit_id ? [...loaded.unitIds].find(([, id]) => id === detail.unit_id)?.[0] : null;
  const items = unitCode
    ? loaded.activities.filter((a) => a.unit === unitCode).map((a) => ({ nodeId: a.nodeId, amount: a.pagu[paguIndex] }))
    : [...new Set(loaded.activities.map((a) => a.programId))].map((programId) => ({
        nodeId: programId,
        amount: String(
          loaded.activities
            .filter((a) => a.programId === programId)
            .reduce((sum, a) => sum + Number(a.pagu[paguIndex]), 0),
        ),
      }));
  await setAgreementBudgetsTx(tx, ctx, governmentId, agreementId, { items });

  const unit = detail.unit_id ? ((await repo.getUnit(tx, governmentId, detail.unit_id)) ?? null) : null;
  const first = await signer(tx, loaded.agencyId, unit, signedOn);
  if (!first) throw new Error(`Demo agreement of ${plan.agency}/${unitCode ?? 'agency'} ${year} has no signer`);
  let second: { positionId?: string; employeeId?: string; title?: string; name?: string };
  if (unit) {
    const parent = unit.parent_id ? ((await repo.getUnit(tx, governmentId, unit.parent_id)) ?? null) : null;
    const superior = await signer(tx, loaded.agencyId, parent, signedOn);
    if (!superior) throw new Error(`Demo agreement of ${plan.agency}/${unitCode} ${year} has no superior`);
    second = superior;
  } else {
    second = { title: plan.secondParty.title, name: plan.secondParty.name };
  }
  await setAgreementSignatoriesTx(tx, ctx, governmentId, agreementId, { first, second });
  await signAgreementTx(tx, ctx, governmentId, agreementId, { signedOn });
}

async function loadAgreements(tx: Tx, governmentId: string, plan: DemoPlan, loaded: Loaded): Promise<void> {
  const ctx = systemContext('sidakin demo');
  for (const year of AGREEMENT_YEARS) {
    const signedOn = SIGNED_ON[year]!;
    const agencyAgreement = await insertAgreementTx(tx, ctx, governmentId, { planId: loaded.planId, year });
    await completeAgreement(tx, governmentId, plan, loaded, agencyAgreement, year, signedOn);
    // Cascade to the units whose head (and the head's superior) can sign on that date.
    const units = await repo.agencyUnits(tx, loaded.agencyId);
    const signable: string[] = [];
    for (const u of units.filter((x) => x.parent_id === null && x.active)) {
      if ((await repo.indicatorsResponsibleFor(tx, loaded.planId, u.id)).length === 0) continue;
      if (await signer(tx, loaded.agencyId, u, signedOn)) signable.push(u.id);
    }
    const cascade = await cascadeAgreementTx(tx, ctx, governmentId, agencyAgreement, signable);
    for (const c of cascade.created) await completeAgreement(tx, governmentId, plan, loaded, c.id, year, signedOn);

    if (year === 2025 && plan.revision) {
      const r = plan.revision;
      const revisedId = await reviseAgreementTx(tx, ctx, governmentId, agencyAgreement, { reason: r.reason });
      const target = loaded.indicators.get(r.indicator)!;
      const row = (await repo.agreementIndicators(tx, revisedId)).find((x) => x.indicator_id === target.id)!;
      const q = spreadQuarters(
        target.spec.agg,
        r.annual,
        target.spec.targets[year - START - 1]!,
        target.spec.decimals ?? 2,
      );
      await updateAgreementIndicatorTx(tx, ctx, governmentId, revisedId, row.id, {
        annual: { value: r.annual },
        quarters: { q1: asTarget(q[0]), q2: asTarget(q[1]), q3: asTarget(q[2]), q4: asTarget(q[3]) },
      });
      await signAgreementTx(tx, ctx, governmentId, revisedId, { signedOn: r.signedOn });
    }
  }
}

async function loadIndividualIndicators(tx: Tx, governmentId: string, plan: DemoPlan, loaded: Loaded): Promise<void> {
  const ctx = systemContext('sidakin demo');
  const year = 2026;
  for (const k of plan.iki) {
    const positionId = await repo.positionIdByCode(tx, loaded.agencyId, k.position);
    const holder = positionId ? await repo.holderOn(tx, positionId, `${year}-02-05`) : undefined;
    const parent = loaded.indicators.get(k.parent);
    if (!holder || !parent) throw new Error(`Demo IKI ${k.position} of ${plan.agency} cannot be placed`);
    const q = spreadQuarters(parent.spec.agg, k.annual, k.annual, parent.spec.decimals ?? 2);
    await insertIndividualIndicatorTx(tx, ctx, governmentId, {
      employeeId: holder.employee_id,
      unitId: loaded.unitIds.get(k.unit)!,
      year,
      parentIndicatorId: parent.id,
      name: k.name,
      unitOfMeasure: k.uom,
      annual: { value: k.annual },
      quarters: { q1: asTarget(q[0]), q2: asTarget(q[1]), q3: asTarget(q[2]), q4: asTarget(q[3]) },
    });
  }
}

/** Loads the plans of the demo agencies of one government, inside that government's transaction. */
export async function loadDemoPlans(tx: Tx, governmentId: string, governmentCode: string): Promise<number> {
  const plans = demoPlans.filter((p) => p.government === governmentCode);
  for (const plan of plans) {
    const loaded = await loadTree(tx, governmentId, plan);
    await loadAgreements(tx, governmentId, plan, loaded);
    await loadIndividualIndicators(tx, governmentId, plan, loaded);
  }
  return plans.length;
}
