/**
 * The demo organisation loaded on first start: the governments and agencies of the five seed
 * SOPs, with a unit and a position for every lane those SOPs name.
 *
 * Everyone here is fictional: names, NIPs and decree numbers are invented (no name from the
 * seeds is used), and addresses are illustrative. Every NIP obeys the rules of `parseNip`
 * (checked by demo-data.test.ts).
 */

export type GovernmentKind = 'provinsi' | 'kabupaten' | 'kota';
export type AgencyKind = 'dinas' | 'badan' | 'kecamatan' | 'biro' | 'inspektorat' | 'sekretariat_daerah' | 'kantor';
export type UnitKind = 'sekretariat' | 'bidang' | 'bagian' | 'sub_bagian' | 'seksi' | 'kelurahan' | 'uptd' | 'lainnya';
export type PositionKind = 'head' | 'secretary' | 'staff' | 'functional';

export interface DemoEmployee {
  nip: string;
  name: string;
  frontTitle?: string;
  backTitle?: string;
  /** pangkat, e.g. 'Pembina Tingkat I' */
  rank: string;
  /** golongan ruang, e.g. 'IV/b' */
  grade: string;
}

export interface DemoPosition {
  /** Unique within the agency, kebab-case, e.g. 'kepala-dinas', 'kabid-perdagangan', 'jp-perdagangan-1'. */
  code: string;
  /** Official title, e.g. 'Kepala Dinas Perdagangan'. */
  name: string;
  /**
   * head = head of the agency (when unit is absent) or head of its unit; secretary = Sekretaris
   * Dinas/Kecamatan; staff = pelaksana/operator/JP; functional = jabatan fungsional.
   */
  kind: PositionKind;
  /** Unit code; absent = agency leadership level (head of agency, secretary). */
  unit?: string;
  /** The definitive holder; absent = vacant (then `acting` should be set). */
  holder?: DemoEmployee;
  /** An employee holding another position in the same agency, acting in this one. */
  acting?: {
    kind: 'plt' | 'plh';
    employeeNip: string;
    startsOn: string;
    endsOn?: string;
    decreeNumber?: string;
  };
  /** Login of the holder; one user per position that has a holder. */
  username?: string;
}

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  /** Unit code of the parent unit. */
  parent?: string;
}

export interface DemoTeamMember {
  /** e.g. 'ketua' | 'sekretaris' | 'anggota' */
  role: string;
  /** Position code in the same agency. */
  position: string;
}

export interface DemoTeam {
  code: string;
  name: string;
  description?: string;
  members: DemoTeamMember[];
}

export interface DemoAgency {
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  address: string;
  units: DemoUnit[];
  positions: DemoPosition[];
  teams: DemoTeam[];
  notes?: string[];
}

export interface DemoGovernment {
  code: string;
  name: string;
  kind: GovernmentKind;
  region: string;
  province: string;
  timeZone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  address: string;
  /** Kop surat lines above the agency name. */
  letterhead: { lines: string[] };
  /** Login of the government's admin. */
  adminUsername: string;
  agencies: DemoAgency[];
}

/** Pangkat of each golongan ruang used in the demo. */
const ranks = {
  'II/c': 'Pengatur',
  'II/d': 'Pengatur Tingkat I',
  'III/a': 'Penata Muda',
  'III/b': 'Penata Muda Tingkat I',
  'III/c': 'Penata',
  'III/d': 'Penata Tingkat I',
  'IV/a': 'Pembina',
  'IV/b': 'Pembina Tingkat I',
  'IV/c': 'Pembina Utama Muda',
  'IV/d': 'Pembina Utama Madya',
} as const;
type Grade = keyof typeof ranks;

/** A civil servant; the pangkat follows from the golongan so the two never disagree. */
function pns(nip: string, name: string, grade: Grade, titles: { front?: string; back?: string } = {}): DemoEmployee {
  return {
    nip,
    name,
    ...(titles.front ? { frontTitle: titles.front } : {}),
    ...(titles.back ? { backTitle: titles.back } : {}),
    rank: ranks[grade],
    grade,
  };
}

// ── Kabupaten Banggai ─────────────────────────────────────────────────────────────────────────

/** Seed 000: Mekanisme Perbaikan Data Kinerja. */
const banggaiDisdag: DemoAgency = {
  code: 'disdag',
  name: 'Dinas Perdagangan',
  shortName: 'Disdag',
  kind: 'dinas',
  address: 'Jl. Jenderal Ahmad Yani No. 12, Luwuk, Kabupaten Banggai, Sulawesi Tengah 94711',
  units: [
    { code: 'sekretariat', name: 'Sekretariat', kind: 'sekretariat' },
    {
      code: 'subbag-perencanaan-evaluasi',
      name: 'Sub Bagian Perencanaan dan Evaluasi',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    {
      code: 'subbag-umum-kepegawaian',
      name: 'Sub Bagian Umum dan Kepegawaian',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    { code: 'bidang-perdagangan', name: 'Bidang Perdagangan Dalam Negeri', kind: 'bidang' },
    {
      code: 'seksi-distribusi',
      name: 'Seksi Distribusi dan Stabilisasi Harga',
      kind: 'seksi',
      parent: 'bidang-perdagangan',
    },
    {
      code: 'seksi-perlindungan-konsumen',
      name: 'Seksi Perlindungan Konsumen dan Tertib Niaga',
      kind: 'seksi',
      parent: 'bidang-perdagangan',
    },
    { code: 'bidang-pasar', name: 'Bidang Pengembangan dan Pengelolaan Pasar', kind: 'bidang' },
    {
      code: 'seksi-sarana-pasar',
      name: 'Seksi Sarana dan Prasarana Pasar',
      kind: 'seksi',
      parent: 'bidang-pasar',
    },
    {
      code: 'seksi-pengelolaan-pasar',
      name: 'Seksi Pengelolaan dan Retribusi Pasar',
      kind: 'seksi',
      parent: 'bidang-pasar',
    },
    { code: 'bidang-metrologi', name: 'Bidang Metrologi Legal', kind: 'bidang' },
    { code: 'seksi-tera', name: 'Seksi Tera dan Tera Ulang', kind: 'seksi', parent: 'bidang-metrologi' },
    {
      code: 'seksi-pengawasan-metrologi',
      name: 'Seksi Pengawasan Alat Ukur dan Barang Dalam Keadaan Terbungkus',
      kind: 'seksi',
      parent: 'bidang-metrologi',
    },
  ],
  positions: [
    {
      code: 'kepala-dinas',
      name: 'Kepala Dinas Perdagangan',
      kind: 'head',
      holder: pns('197008141997031002', 'Moh. Rizal Lamaluta', 'IV/c', { front: 'Ir.', back: 'M.Si.' }),
      username: 'disdag.kadis',
    },
    {
      code: 'sekretaris-dinas',
      name: 'Sekretaris Dinas Perdagangan',
      kind: 'secretary',
      holder: pns('197402272000122003', 'Nurlina Djalumang', 'IV/b', { back: 'S.E., M.M.' }),
      username: 'disdag.sekdis',
    },
    {
      code: 'kasubbag-perencanaan-evaluasi',
      name: 'Kepala Sub Bagian Perencanaan dan Evaluasi',
      kind: 'head',
      unit: 'subbag-perencanaan-evaluasi',
      holder: pns('198406092009012004', 'Fitriani Pakaya', 'III/d', { back: 'S.E.' }),
      username: 'disdag.kasubbag-pe',
    },
    {
      code: 'jp-perencanaan-1',
      name: 'Pengelola Data Kinerja',
      kind: 'staff',
      unit: 'subbag-perencanaan-evaluasi',
      holder: pns('199301112019032002', 'Wulandari Mangge', 'III/b', { back: 'S.E.' }),
      username: 'disdag.jp-perencanaan-1',
    },
    {
      code: 'kasubbag-umum-kepegawaian',
      name: 'Kepala Sub Bagian Umum dan Kepegawaian',
      kind: 'head',
      unit: 'subbag-umum-kepegawaian',
      holder: pns('198111302006041001', 'Yusran Lauma', 'III/d', { back: 'S.Sos.' }),
      username: 'disdag.kasubbag-umum',
    },
    {
      code: 'jp-umum-1',
      name: 'Pengadministrasi Perkantoran',
      kind: 'staff',
      unit: 'subbag-umum-kepegawaian',
      holder: pns('199005162014122001', 'Sartini Lamadang', 'II/c'),
      username: 'disdag.jp-umum-1',
    },
    {
      code: 'kabid-perdagangan',
      name: 'Kepala Bidang Perdagangan Dalam Negeri',
      kind: 'head',
      unit: 'bidang-perdagangan',
      holder: pns('197705212002101005', 'Hendra Lapasau', 'IV/a', { back: 'S.E., M.Si.' }),
      username: 'disdag.kabid-perdagangan',
    },
    {
      code: 'kasi-distribusi',
      name: 'Kepala Seksi Distribusi dan Stabilisasi Harga',
      kind: 'head',
      unit: 'seksi-distribusi',
      holder: pns('198309122010032006', 'Sri Wahyuni Bakari', 'III/d', { back: 'S.E.' }),
      username: 'disdag.kasi-distribusi',
    },
    {
      code: 'kasi-perlindungan-konsumen',
      name: 'Kepala Seksi Perlindungan Konsumen dan Tertib Niaga',
      kind: 'head',
      unit: 'seksi-perlindungan-konsumen',
      holder: pns('198601172011021003', 'Abdul Gafur Labolo', 'III/c', { back: 'S.H.' }),
      username: 'disdag.kasi-konsumen',
    },
    {
      code: 'jp-perdagangan-1',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'bidang-perdagangan',
      holder: pns('199204032018032001', 'Rahmawati Samudin', 'II/d', { back: 'A.Md.' }),
      username: 'disdag.jp-perdagangan-1',
    },
    {
      code: 'jp-perdagangan-2',
      name: 'Pengadministrasi Perkantoran',
      kind: 'staff',
      unit: 'bidang-perdagangan',
      holder: pns('199002082010011003', 'Yunus Lamatenggo', 'II/d'),
      username: 'disdag.jp-perdagangan-2',
    },
    {
      code: 'kabid-pasar',
      name: 'Kepala Bidang Pengembangan dan Pengelolaan Pasar',
      kind: 'head',
      unit: 'bidang-pasar',
      holder: pns('197612082003011007', 'Ferdinand Tompoh', 'IV/a', { back: 'S.T.' }),
      username: 'disdag.kabid-pasar',
    },
    {
      code: 'kasi-sarana-pasar',
      name: 'Kepala Seksi Sarana dan Prasarana Pasar',
      kind: 'head',
      unit: 'seksi-sarana-pasar',
      holder: pns('198503252010122002', 'Irma Lalusu', 'III/d', { back: 'S.T.' }),
      username: 'disdag.kasi-sarana-pasar',
    },
    {
      code: 'kasi-pengelolaan-pasar',
      name: 'Kepala Seksi Pengelolaan dan Retribusi Pasar',
      kind: 'head',
      unit: 'seksi-pengelolaan-pasar',
      holder: pns('198707192014041002', 'Marten Sumolang', 'III/c', { back: 'S.E.' }),
      username: 'disdag.kasi-pengelolaan-pasar',
    },
    {
      code: 'jp-pasar-1',
      name: 'Pengelola Layanan Operasional',
      kind: 'staff',
      unit: 'bidang-pasar',
      holder: pns('199510022020031004', 'Moh. Fadli Djaelani', 'II/c', { back: 'A.Md.' }),
      username: 'disdag.jp-pasar-1',
    },
    {
      code: 'kabid-metrologi',
      name: 'Kepala Bidang Metrologi Legal',
      kind: 'head',
      unit: 'bidang-metrologi',
      holder: pns('197802142003122001', 'Nirwana Rauf', 'IV/a', { back: 'S.Si., M.Si.' }),
      username: 'disdag.kabid-metrologi',
    },
    {
      code: 'kasi-tera',
      name: 'Kepala Seksi Tera dan Tera Ulang',
      kind: 'head',
      unit: 'seksi-tera',
      holder: pns('198208232008121002', 'Arman Lasahido', 'III/d', { back: 'S.T.' }),
      username: 'disdag.kasi-tera',
    },
    {
      code: 'kasi-pengawasan-metrologi',
      name: 'Kepala Seksi Pengawasan Alat Ukur dan Barang Dalam Keadaan Terbungkus',
      kind: 'head',
      unit: 'seksi-pengawasan-metrologi',
      holder: pns('198811052014122003', 'Novita Kalengkongan', 'III/c', { back: 'S.Si.' }),
      username: 'disdag.kasi-pengawasan',
    },
    {
      code: 'jp-metrologi-1',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'bidang-metrologi',
      holder: pns('199706282022061003', 'Rizky Ananda Pakaya', 'III/a', { back: 'S.Kom.' }),
      username: 'disdag.jp-metrologi-1',
    },
  ],
  teams: [],
  notes: [
    'Seed 000 (Mekanisme Perbaikan Data Kinerja): the lanes Kepala Bidang, Kepala Seksi and Jabatan Pelaksana (JP) mean the officials of the Bidang whose data is corrected; each Bidang has its Kepala Bidang, two Kepala Seksi and at least one JP.',
  ],
};

/** Seed 002: Perbaikan Data Kinerja, Monitoring Renstra Secara Periodik, Pengumpulan Data Kinerja. */
const banggaiMasama: DemoAgency = {
  code: 'masama',
  name: 'Kecamatan Masama',
  shortName: 'Kec. Masama',
  kind: 'kecamatan',
  address: 'Jl. Trans Sulawesi No. 1, Kecamatan Masama, Kabupaten Banggai, Sulawesi Tengah',
  units: [
    { code: 'sekretariat', name: 'Sekretariat Kecamatan', kind: 'sekretariat' },
    {
      code: 'subbag-evlap',
      name: 'Sub Bagian Perencanaan, Evaluasi dan Pelaporan',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    {
      code: 'subbag-umum',
      name: 'Sub Bagian Umum dan Kepegawaian',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    { code: 'seksi-pemerintahan', name: 'Seksi Pemerintahan', kind: 'seksi' },
    { code: 'seksi-trantibum', name: 'Seksi Ketentraman dan Ketertiban Umum', kind: 'seksi' },
    { code: 'seksi-pmd', name: 'Seksi Pemberdayaan Masyarakat dan Desa', kind: 'seksi' },
    { code: 'seksi-pelayanan-umum', name: 'Seksi Pelayanan Umum', kind: 'seksi' },
    { code: 'kelurahan-masama', name: 'Kelurahan Masama', kind: 'kelurahan' },
  ],
  positions: [
    {
      code: 'camat',
      name: 'Camat Masama',
      kind: 'head',
      holder: pns('198004192003031003', 'Moh. Irwansyah Tamagola', 'IV/a', { back: 'S.STP., M.Si.' }),
      username: 'masama.camat',
    },
    {
      // Vacant: the Kepala Seksi Pemerintahan acts as Plt, to show acting officials in the lanes.
      code: 'sekretaris-kecamatan',
      name: 'Sekretaris Kecamatan Masama',
      kind: 'secretary',
      acting: {
        kind: 'plt',
        employeeNip: '197907252005011006',
        startsOn: '2026-02-02',
        endsOn: '2026-12-31',
        decreeNumber: '800.1.3.3/0214/BKPSDM/2026',
      },
    },
    {
      code: 'kasubbag-evlap',
      name: 'Kepala Sub Bagian Perencanaan, Evaluasi dan Pelaporan',
      kind: 'head',
      unit: 'subbag-evlap',
      holder: pns('198410072009042005', 'Hasnah Lapadengan', 'III/d', { back: 'S.E.' }),
      username: 'masama.kasubbag-evlap',
    },
    {
      code: 'pelaksana-evlap',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'subbag-evlap',
      holder: pns('199605122022042001', 'Desi Ratnasari Lamato', 'III/a', { back: 'S.Kom.' }),
      username: 'masama.pelaksana-evlap',
    },
    {
      code: 'kasubbag-umum',
      name: 'Kepala Sub Bagian Umum dan Kepegawaian',
      kind: 'head',
      unit: 'subbag-umum',
      holder: pns('198603032010121004', 'Marthen Lumaksa', 'III/c', { back: 'S.Sos.' }),
      username: 'masama.kasubbag-umum',
    },
    {
      code: 'pelaksana-umum',
      name: 'Pengadministrasi Perkantoran',
      kind: 'staff',
      unit: 'subbag-umum',
      holder: pns('199108302014121002', 'Jefri Baulu', 'II/c'),
      username: 'masama.pelaksana-umum',
    },
    {
      code: 'kasi-pemerintahan',
      name: 'Kepala Seksi Pemerintahan',
      kind: 'head',
      unit: 'seksi-pemerintahan',
      holder: pns('197907252005011006', 'Syamsudin Mahmud', 'III/d', { back: 'S.IP.' }),
      username: 'masama.kasi-pemerintahan',
    },
    {
      code: 'pelaksana-pemerintahan',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'seksi-pemerintahan',
      holder: pns('199303182018112001', 'Sitti Aisyah Ladjidi', 'II/d', { back: 'A.Md.' }),
      username: 'masama.pelaksana-pemerintahan',
    },
    {
      code: 'kasi-trantibum',
      name: 'Kepala Seksi Ketentraman dan Ketertiban Umum',
      kind: 'head',
      unit: 'seksi-trantibum',
      holder: pns('198512142011031002', 'Rudi Hamzah Bidja', 'III/c', { back: 'S.H.' }),
      username: 'masama.kasi-trantibum',
    },
    {
      code: 'kasi-pmd',
      name: 'Kepala Seksi Pemberdayaan Masyarakat dan Desa',
      kind: 'head',
      unit: 'seksi-pmd',
      holder: pns('198307022008042003', 'Yuliana Tombuku', 'III/d', { back: 'S.Sos.' }),
      username: 'masama.kasi-pmd',
    },
    {
      code: 'pelaksana-pmd',
      name: 'Pengelola Layanan Operasional',
      kind: 'staff',
      unit: 'seksi-pmd',
      holder: pns('199501262020011003', 'Frangky Ngodi', 'III/a', { back: 'S.Sos.' }),
      username: 'masama.pelaksana-pmd',
    },
    {
      code: 'kasi-pelayanan-umum',
      name: 'Kepala Seksi Pelayanan Umum',
      kind: 'head',
      unit: 'seksi-pelayanan-umum',
      holder: pns('198702222011122001', 'Nurul Hidayah Sabannu', 'III/c', { back: 'S.AP.' }),
      username: 'masama.kasi-pelayanan',
    },
    {
      code: 'pelaksana-pelayanan',
      name: 'Operator Layanan Operasional',
      kind: 'staff',
      unit: 'seksi-pelayanan-umum',
      holder: pns('199807072021071001', 'Rivaldo Sangkota', 'II/c', { back: 'A.Md.' }),
      username: 'masama.pelaksana-pelayanan',
    },
    {
      code: 'lurah-masama',
      name: 'Lurah Masama',
      kind: 'head',
      unit: 'kelurahan-masama',
      holder: pns('198909092011081001', 'Ahmad Fauzan Malotes', 'III/d', { back: 'S.STP.' }),
      username: 'masama.lurah',
    },
    {
      code: 'pelaksana-kelurahan',
      name: 'Pengadministrasi Perkantoran',
      kind: 'staff',
      unit: 'kelurahan-masama',
      holder: pns('199012012014032004', 'Nurdiana Tahir', 'II/c'),
      username: 'masama.pelaksana-kelurahan',
    },
  ],
  teams: [],
  notes: [
    'Seed 002 holds three SOPs of this office; the lane "Kepala Seksi/Lurah" is one lane held by each Kepala Seksi and by the Lurah, so the demo has four Seksi and one Kelurahan (the kelurahan is illustrative).',
    'In the Pengumpulan Data Kinerja SOP the columns "Kasubag" and "Kasubag Perenc" are separate lanes. "Kasubag Perenc" is read as the Kasubag Perencanaan, Evaluasi dan Pelaporan (Evlap), who makes the format (step 2) and discusses it with the Kepala Seksi (step 4); "Kasubag" is read as the other Kasubag of the Sekretariat, Umum dan Kepegawaian. The source lost its lane marks, so this is a reading, not a certainty.',
    'The Sekretaris Kecamatan position is vacant in the demo; the Kepala Seksi Pemerintahan acts as Plt during 2026, so the Sekretaris lane resolves to an acting official.',
  ],
};

// ── Kabupaten Sidoarjo ────────────────────────────────────────────────────────────────────────

/** Seed 001: Mekanisme Kesalahan Data Kinerja. */
const sidoarjoDisperindag: DemoAgency = {
  code: 'disperindag',
  name: 'Dinas Perindustrian dan Perdagangan',
  shortName: 'Disperindag',
  kind: 'dinas',
  address: 'Jl. Jaksa Agung Suprapto No. 9, Sidoarjo, Jawa Timur 61218',
  units: [
    { code: 'sekretariat', name: 'Sekretariat', kind: 'sekretariat' },
    {
      code: 'subbag-perencanaan-keuangan',
      name: 'Sub Bagian Perencanaan dan Keuangan',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    {
      code: 'subbag-umum-kepegawaian',
      name: 'Sub Bagian Umum dan Kepegawaian',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    { code: 'bidang-perindustrian', name: 'Bidang Perindustrian', kind: 'bidang' },
    { code: 'bidang-perdagangan', name: 'Bidang Perdagangan', kind: 'bidang' },
    { code: 'bidang-kemetrologian', name: 'Bidang Kemetrologian', kind: 'bidang' },
  ],
  positions: [
    {
      code: 'kepala-dinas',
      name: 'Kepala Dinas Perindustrian dan Perdagangan',
      kind: 'head',
      holder: pns('196909171995031002', 'Bambang Setyo Nugroho', 'IV/c', { front: 'Ir.', back: 'M.M.' }),
      username: 'disperindag.kadis',
    },
    {
      code: 'sekretaris-dinas',
      name: 'Sekretaris Dinas Perindustrian dan Perdagangan',
      kind: 'secretary',
      holder: pns('197304291999122001', 'Endah Kusumawati', 'IV/b', { back: 'S.E., M.Si.' }),
      username: 'disperindag.sekdis',
    },
    {
      code: 'kasubbag-perencanaan-keuangan',
      name: 'Kepala Sub Bagian Perencanaan dan Keuangan',
      kind: 'head',
      unit: 'subbag-perencanaan-keuangan',
      holder: pns('198207142008032004', 'Yuli Astutik', 'III/d', { back: 'S.E.' }),
      username: 'disperindag.kasubbag-pk',
    },
    {
      code: 'staf-pengolah-data',
      name: 'Pengolah Data Pelaporan',
      kind: 'staff',
      unit: 'subbag-perencanaan-keuangan',
      holder: pns('199211212019032007', 'Dwi Ayu Lestari', 'III/b', { back: 'S.Kom.' }),
      username: 'disperindag.staf-pelaporan',
    },
    {
      code: 'staf-keuangan',
      name: 'Bendahara Pengeluaran',
      kind: 'staff',
      unit: 'subbag-perencanaan-keuangan',
      holder: pns('199406062019031004', 'Galih Pratama', 'II/d', { back: 'A.Md.Ak.' }),
      username: 'disperindag.staf-keuangan',
    },
    {
      code: 'kasubbag-umum-kepegawaian',
      name: 'Kepala Sub Bagian Umum dan Kepegawaian',
      kind: 'head',
      unit: 'subbag-umum-kepegawaian',
      holder: pns('198002032006121003', 'Moch. Syaiful Anam', 'III/d', { back: 'S.Sos.' }),
      username: 'disperindag.kasubbag-umum',
    },
    {
      code: 'staf-umum',
      name: 'Pengadministrasi Perkantoran',
      kind: 'staff',
      unit: 'subbag-umum-kepegawaian',
      holder: pns('198712242009012003', 'Nanik Sulistyowati', 'II/d'),
      username: 'disperindag.staf-umum',
    },
    {
      code: 'kabid-perindustrian',
      name: 'Kepala Bidang Perindustrian',
      kind: 'head',
      unit: 'bidang-perindustrian',
      holder: pns('197510102001121003', 'Heru Santoso', 'IV/a', { back: 'S.T., M.T.' }),
      username: 'disperindag.kabid-industri',
    },
    {
      code: 'pembina-industri',
      name: 'Pembina Industri Ahli Muda',
      kind: 'functional',
      unit: 'bidang-perindustrian',
      holder: pns('198401302009022002', 'Retno Wijayanti', 'III/d', { back: 'S.T.' }),
      username: 'disperindag.pembina-industri',
    },
    {
      code: 'staf-perindustrian',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'bidang-perindustrian',
      holder: pns('199602152022051002', 'Fajar Ramadhan', 'III/a', { back: 'S.E.' }),
      username: 'disperindag.staf-industri',
    },
    {
      code: 'kabid-perdagangan',
      name: 'Kepala Bidang Perdagangan',
      kind: 'head',
      unit: 'bidang-perdagangan',
      holder: pns('197408172000031005', 'Agus Prasetyo', 'IV/a', { back: 'S.E., M.M.' }),
      username: 'disperindag.kabid-perdagangan',
    },
    {
      code: 'analis-perdagangan',
      name: 'Analis Perdagangan Ahli Muda',
      kind: 'functional',
      unit: 'bidang-perdagangan',
      holder: pns('198805052015032003', 'Siti Nur Aini', 'III/c', { back: 'S.E.' }),
      username: 'disperindag.analis-perdagangan',
    },
    {
      code: 'staf-perdagangan',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'bidang-perdagangan',
      holder: pns('199309082018121001', 'Mochammad Faisal', 'II/d', { back: 'A.Md.' }),
      username: 'disperindag.staf-perdagangan',
    },
    {
      code: 'kabid-kemetrologian',
      name: 'Kepala Bidang Kemetrologian',
      kind: 'head',
      unit: 'bidang-kemetrologian',
      holder: pns('197806012003121002', 'Wahyu Hidayat', 'IV/a', { back: 'S.T.' }),
      username: 'disperindag.kabid-metrologi',
    },
    {
      code: 'penera',
      name: 'Penera Ahli Pertama',
      kind: 'functional',
      unit: 'bidang-kemetrologian',
      holder: pns('199412032020032005', 'Rizka Amelia Putri', 'III/b', { back: 'S.Si.' }),
      username: 'disperindag.penera',
    },
    {
      code: 'staf-kemetrologian',
      name: 'Pengelola Layanan Operasional',
      kind: 'staff',
      unit: 'bidang-kemetrologian',
      holder: pns('198903272010121004', 'Eko Budi Santoso', 'II/c'),
      username: 'disperindag.staf-metrologi',
    },
  ],
  teams: [
    {
      code: 'tim-penyusun-lck',
      name: 'Tim Penyusun Laporan Capaian Kinerja',
      description:
        'Memperbaiki kesalahan data kinerja bersama para Pejabat Pelaksana Teknis Kegiatan (PPTK) sebagai bahan laporan akuntabilitas kinerja.',
      members: [
        { role: 'ketua', position: 'kepala-dinas' },
        { role: 'sekretaris', position: 'sekretaris-dinas' },
        { role: 'anggota', position: 'kasubbag-perencanaan-keuangan' },
        { role: 'anggota', position: 'kabid-perindustrian' },
        { role: 'anggota', position: 'kabid-perdagangan' },
        { role: 'anggota', position: 'kabid-kemetrologian' },
      ],
    },
  ],
  notes: [
    'Seed 001: "Pejabat Pelaporan" is the Kepala Sub Bagian Perencanaan dan Keuangan (the SOP names that office as Anggota and as its author); "Staf" is the staf pengolah data pelaporan of that Sub Bagian; the PPTK (pemangku kegiatan) are the Kepala Bidang.',
    'The SOP\'s roles Ketua / Sekretaris / Anggota form the team "Tim Penyusun Laporan Capaian Kinerja"; the Kepala Bidang sit in it as PPTK.',
  ],
};

// ── Provinsi Kalimantan Barat ─────────────────────────────────────────────────────────────────

const kalbarSeedReading =
  'Seed 003 (Perbaikan Data Kinerja, No. 45/DPPESDM/2021) is issued under the header of the Dinas Perindustrian, Perdagangan, Energi dan Sumber Daya Mineral (Sekretariat, Sub Bagian Renja dan Monev), but its lanes and steps are those of the Biro Organisasi Sekretariat Daerah (Karo Organisasi, Kabag Tatalaksana, Kasubbag TU Biro, Pelaksana, Arsiparis). The demo therefore has both agencies: the SOP runs in the Biro Organisasi, and the Dinas is the office whose header and approver the document carries.';

/** Seed 003: the lanes of the SOP. */
const kalbarBiroOrganisasi: DemoAgency = {
  code: 'biro-organisasi',
  name: 'Biro Organisasi Sekretariat Daerah Provinsi Kalimantan Barat',
  shortName: 'Biro Organisasi',
  kind: 'biro',
  address: 'Kantor Gubernur Kalimantan Barat, Jl. Jenderal Ahmad Yani, Pontianak, Kalimantan Barat 78124',
  units: [
    { code: 'bagian-kelembagaan', name: 'Bagian Kelembagaan dan Analisis Jabatan', kind: 'bagian' },
    {
      code: 'bagian-rb-akuntabilitas',
      name: 'Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja',
      kind: 'bagian',
    },
    { code: 'bagian-tatalaksana', name: 'Bagian Tatalaksana', kind: 'bagian' },
    { code: 'subbag-tu', name: 'Sub Bagian Tata Usaha', kind: 'sub_bagian', parent: 'bagian-tatalaksana' },
  ],
  positions: [
    {
      code: 'karo-organisasi',
      name: 'Kepala Biro Organisasi',
      kind: 'head',
      holder: pns('197203111997031004', 'Gusti Ardiansyah', 'IV/c', { front: 'Dr.', back: 'S.Sos., M.Si.' }),
      username: 'biro-org.karo',
    },
    {
      code: 'kabag-kelembagaan',
      name: 'Kepala Bagian Kelembagaan dan Analisis Jabatan',
      kind: 'head',
      unit: 'bagian-kelembagaan',
      holder: pns('197607162002122003', 'Maria Goreti Ensiang', 'IV/a', { back: 'S.H., M.H.' }),
      username: 'biro-org.kabag-kelembagaan',
    },
    {
      code: 'analis-kelembagaan',
      name: 'Analis Kebijakan Ahli Muda',
      kind: 'functional',
      unit: 'bagian-kelembagaan',
      holder: pns('198311112009011004', 'Hendrikus Dunggat', 'III/d', { back: 'S.IP., M.Si.' }),
      username: 'biro-org.analis-kelembagaan',
    },
    {
      code: 'analis-sdm',
      name: 'Analis Sumber Daya Manusia Aparatur Ahli Pertama',
      kind: 'functional',
      unit: 'bagian-kelembagaan',
      holder: pns('199010152015031003', 'Suryadi', 'III/b', { back: 'S.Sos.' }),
      username: 'biro-org.analis-sdm',
    },
    {
      code: 'kabag-rb-akuntabilitas',
      name: 'Kepala Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja',
      kind: 'head',
      unit: 'bagian-rb-akuntabilitas',
      holder: pns('197901222005022002', 'Uray Maimunah', 'IV/a', { back: 'S.E., M.Si.' }),
      username: 'biro-org.kabag-rb',
    },
    {
      code: 'analis-akuntabilitas',
      name: 'Analis Kebijakan Ahli Muda',
      kind: 'functional',
      unit: 'bagian-rb-akuntabilitas',
      holder: pns('198609252011031002', 'Stefanus Alexander', 'III/c', { back: 'S.E., M.Ak.' }),
      username: 'biro-org.analis-akuntabilitas',
    },
    {
      code: 'pelaksana-rb',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'bagian-rb-akuntabilitas',
      holder: pns('199703142022062003', 'Dewi Rahayu Ningsih', 'III/a', { back: 'S.AP.' }),
      username: 'biro-org.pelaksana-rb',
    },
    {
      code: 'kabag-tatalaksana',
      name: 'Kepala Bagian Tatalaksana',
      kind: 'head',
      unit: 'bagian-tatalaksana',
      holder: pns('197708282003121004', 'Agustinus Anyang', 'IV/a', { back: 'S.Sos., M.Si.' }),
      username: 'biro-org.kabag-tatalaksana',
    },
    {
      code: 'analis-tatalaksana',
      name: 'Analis Kebijakan Ahli Pertama',
      kind: 'functional',
      unit: 'bagian-tatalaksana',
      holder: pns('199201062019021002', 'Yohanes Ringo', 'III/b', { back: 'S.T.' }),
      username: 'biro-org.analis-tatalaksana',
    },
    {
      code: 'kasubbag-tu',
      name: 'Kepala Sub Bagian Tata Usaha',
      kind: 'head',
      unit: 'subbag-tu',
      holder: pns('198404042009042003', 'Lusiana Tjhai', 'III/d', { back: 'S.E.' }),
      username: 'biro-org.kasubbag-tu',
    },
    {
      code: 'pelaksana-tu-1',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'subbag-tu',
      holder: pns('199105302018041002', 'Rizal Effendi', 'III/b', { back: 'S.Kom.' }),
      username: 'biro-org.pelaksana-tu-1',
    },
    {
      code: 'pelaksana-tu-2',
      name: 'Pengadministrasi Perkantoran',
      kind: 'staff',
      unit: 'subbag-tu',
      holder: pns('199208082014032002', 'Nurhasanah', 'II/d'),
      username: 'biro-org.pelaksana-tu-2',
    },
    {
      code: 'arsiparis',
      name: 'Arsiparis Terampil',
      kind: 'functional',
      unit: 'subbag-tu',
      holder: pns('199402192019032004', 'Fransiska Lidia', 'II/d', { back: 'A.Md.' }),
      username: 'biro-org.arsiparis',
    },
  ],
  teams: [],
  notes: [
    kalbarSeedReading,
    'Here the SOP runs: Karo Organisasi is the head of this agency, Kabag Tatalaksana heads the Bagian Tatalaksana, Kasubbag TU heads its Sub Bagian Tata Usaha, the Pelaksana and the Arsiparis sit in that Sub Bagian.',
  ],
};

/** Seed 003: the office whose header, number and approver the document carries. */
const kalbarDppesdm: DemoAgency = {
  code: 'dppesdm',
  name: 'Dinas Perindustrian, Perdagangan, Energi dan Sumber Daya Mineral',
  shortName: 'DPPESDM',
  kind: 'dinas',
  address: 'Jl. Sutan Syahrir No. 5, Pontianak, Kalimantan Barat 78116',
  units: [
    { code: 'sekretariat', name: 'Sekretariat', kind: 'sekretariat' },
    {
      code: 'subbag-renja-monev',
      name: 'Sub Bagian Renja dan Monev',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    {
      code: 'subbag-umum-kepegawaian',
      name: 'Sub Bagian Umum dan Kepegawaian',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    { code: 'subbag-keuangan', name: 'Sub Bagian Keuangan', kind: 'sub_bagian', parent: 'sekretariat' },
    { code: 'bidang-perindustrian', name: 'Bidang Perindustrian', kind: 'bidang' },
    { code: 'bidang-perdagangan', name: 'Bidang Perdagangan', kind: 'bidang' },
    { code: 'bidang-energi', name: 'Bidang Energi dan Ketenagalistrikan', kind: 'bidang' },
    { code: 'bidang-minerba', name: 'Bidang Mineral dan Batubara', kind: 'bidang' },
  ],
  positions: [
    {
      code: 'kepala-dinas',
      name: 'Kepala Dinas Perindustrian, Perdagangan, Energi dan Sumber Daya Mineral',
      kind: 'head',
      holder: pns('197106301998031006', 'Muhammad Yusuf Rahim', 'IV/c', { front: 'Ir.', back: 'M.T.' }),
      username: 'dppesdm.kadis',
    },
    {
      code: 'sekretaris-dinas',
      name: 'Sekretaris Dinas Perindustrian, Perdagangan, Energi dan Sumber Daya Mineral',
      kind: 'secretary',
      holder: pns('197312121999032004', 'Fatmawati', 'IV/b', { front: 'Hj.', back: 'S.E., M.M.' }),
      username: 'dppesdm.sekdis',
    },
    {
      code: 'kasubbag-renja-monev',
      name: 'Kepala Sub Bagian Renja dan Monev',
      kind: 'head',
      unit: 'subbag-renja-monev',
      holder: pns('198212192008121003', 'Dedi Kurniawan', 'III/d', { back: 'S.E., M.Si.' }),
      username: 'dppesdm.kasubbag-renja',
    },
    {
      code: 'staf-renja-monev',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'subbag-renja-monev',
      holder: pns('199311272019031005', 'Kristoforus Ajun', 'III/b', { back: 'S.Kom.' }),
      username: 'dppesdm.staf-renja',
    },
    {
      code: 'kasubbag-umum-kepegawaian',
      name: 'Kepala Sub Bagian Umum dan Kepegawaian',
      kind: 'head',
      unit: 'subbag-umum-kepegawaian',
      holder: pns('198105082006042011', 'Rina Marlina', 'III/d', { back: 'S.Sos.' }),
      username: 'dppesdm.kasubbag-umum',
    },
    {
      code: 'kasubbag-keuangan',
      name: 'Kepala Sub Bagian Keuangan',
      kind: 'head',
      unit: 'subbag-keuangan',
      holder: pns('198506182010122002', 'Yusnita Sari', 'III/d', { back: 'S.E.' }),
      username: 'dppesdm.kasubbag-keuangan',
    },
    {
      code: 'kabid-perindustrian',
      name: 'Kepala Bidang Perindustrian',
      kind: 'head',
      unit: 'bidang-perindustrian',
      holder: pns('197603092002031008', 'Herman Susanto', 'IV/a', { back: 'S.T., M.M.' }),
      username: 'dppesdm.kabid-industri',
    },
    {
      code: 'pembina-industri',
      name: 'Pembina Industri Ahli Muda',
      kind: 'functional',
      unit: 'bidang-perindustrian',
      holder: pns('198704212014032003', 'Nurul Fadhilah', 'III/c', { back: 'S.T.' }),
      username: 'dppesdm.pembina-industri',
    },
    {
      code: 'kabid-perdagangan',
      name: 'Kepala Bidang Perdagangan',
      kind: 'head',
      unit: 'bidang-perdagangan',
      holder: pns('197809132005011005', 'Abang Muhammad Fikri', 'IV/a', { back: 'S.E., M.Si.' }),
      username: 'dppesdm.kabid-perdagangan',
    },
    {
      code: 'staf-perdagangan',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'bidang-perdagangan',
      holder: pns('199507202020122003', 'Sri Rejeki Utami', 'II/d', { back: 'A.Md.' }),
      username: 'dppesdm.staf-perdagangan',
    },
    {
      code: 'kabid-energi',
      name: 'Kepala Bidang Energi dan Ketenagalistrikan',
      kind: 'head',
      unit: 'bidang-energi',
      holder: pns('197501032001031009', 'Paulus Kanyan', 'IV/a', { front: 'Ir.', back: 'M.T.' }),
      username: 'dppesdm.kabid-energi',
    },
    {
      code: 'staf-energi',
      name: 'Pengolah Data dan Informasi',
      kind: 'staff',
      unit: 'bidang-energi',
      holder: pns('199810102022102001', 'Vivi Anggraini', 'III/a', { back: 'S.T.' }),
      username: 'dppesdm.staf-energi',
    },
    {
      code: 'kabid-minerba',
      name: 'Kepala Bidang Mineral dan Batubara',
      kind: 'head',
      unit: 'bidang-minerba',
      holder: pns('197911022005121002', 'Rusmin Hadi', 'IV/a', { back: 'S.T., M.Eng.' }),
      username: 'dppesdm.kabid-minerba',
    },
    {
      code: 'penyelidik-bumi',
      name: 'Penyelidik Bumi Ahli Pertama',
      kind: 'functional',
      unit: 'bidang-minerba',
      holder: pns('199306142019032006', 'Lestari Handayani', 'III/b', { back: 'S.T.' }),
      username: 'dppesdm.penyelidik-bumi',
    },
  ],
  teams: [],
  notes: [
    kalbarSeedReading,
    'Here the document was issued: its header names the Sekretariat and the Sub Bagian Renja dan Monev, and it is approved (disahkan) by the Kepala Dinas.',
  ],
};

// ── Kabupaten Pesisir Selatan ─────────────────────────────────────────────────────────────────

/** Seed 004: Pengumpulan and Pengukuran Data Kinerja. */
const pesselDisdagtrans: DemoAgency = {
  code: 'disdagtrans',
  name: 'Dinas Perdagangan dan Transmigrasi',
  shortName: 'Disdagtrans',
  kind: 'dinas',
  address: 'Jl. H. Ilyas Yakub No. 7, Painan, Kabupaten Pesisir Selatan, Sumatera Barat 25611',
  units: [
    { code: 'sekretariat', name: 'Sekretariat', kind: 'sekretariat' },
    {
      code: 'subbag-perencanaan',
      name: 'Sub Bagian Perencanaan dan Program',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    {
      code: 'subbag-umum-kepegawaian',
      name: 'Sub Bagian Umum dan Kepegawaian',
      kind: 'sub_bagian',
      parent: 'sekretariat',
    },
    { code: 'bidang-perdagangan', name: 'Bidang Perdagangan', kind: 'bidang' },
    { code: 'bidang-pasar', name: 'Bidang Pasar dan Sarana Distribusi', kind: 'bidang' },
    { code: 'bidang-transmigrasi', name: 'Bidang Transmigrasi', kind: 'bidang' },
  ],
  positions: [
    {
      code: 'kepala-dinas',
      name: 'Kepala Dinas Perdagangan dan Transmigrasi',
      kind: 'head',
      holder: pns('197204061998121002', 'Afrizal', 'IV/c', { back: 'S.E., M.M.' }),
      username: 'disdagtrans.kadis',
    },
    {
      code: 'sekretaris-dinas',
      name: 'Sekretaris Dinas Perdagangan dan Transmigrasi',
      kind: 'secretary',
      holder: pns('197507232000032002', 'Yulnetri', 'IV/b', { back: 'S.E., M.Si.' }),
      username: 'disdagtrans.sekdis',
    },
    {
      code: 'kasubbag-perencanaan',
      name: 'Kepala Sub Bagian Perencanaan dan Program',
      kind: 'head',
      unit: 'subbag-perencanaan',
      holder: pns('198312182009012004', 'Desmawati', 'III/d', { back: 'S.E.' }),
      username: 'disdagtrans.kasubbag-perencanaan',
    },
    {
      code: 'perencana',
      name: 'Perencana Ahli Muda',
      kind: 'functional',
      unit: 'subbag-perencanaan',
      holder: pns('198502102010122005', 'Elfia Rosa', 'III/d', { back: 'S.E., M.E.' }),
      username: 'disdagtrans.perencana',
    },
    {
      code: 'op-perencanaan',
      name: 'Operator Sistem Informasi Kinerja',
      kind: 'staff',
      unit: 'subbag-perencanaan',
      holder: pns('199708052022061001', 'Rezki Pratama', 'III/a', { back: 'S.Kom.' }),
      username: 'disdagtrans.op-perencanaan',
    },
    {
      code: 'kasubbag-umum-kepegawaian',
      name: 'Kepala Sub Bagian Umum dan Kepegawaian',
      kind: 'head',
      unit: 'subbag-umum-kepegawaian',
      holder: pns('198011112006041009', 'Nofrizal', 'III/d', { back: 'S.Sos.' }),
      username: 'disdagtrans.kasubbag-umum',
    },
    {
      code: 'staf-umum',
      name: 'Pengadministrasi Perkantoran',
      kind: 'staff',
      unit: 'subbag-umum-kepegawaian',
      holder: pns('199109192014122003', 'Yessi Marlina', 'II/c'),
      username: 'disdagtrans.staf-umum',
    },
    {
      code: 'kabid-perdagangan',
      name: 'Kepala Bidang Perdagangan',
      kind: 'head',
      unit: 'bidang-perdagangan',
      holder: pns('197702022003031006', 'Zulkifli', 'IV/a', { back: 'S.E., M.Si.' }),
      username: 'disdagtrans.kabid-perdagangan',
    },
    {
      code: 'analis-perdagangan',
      name: 'Analis Perdagangan Ahli Pertama',
      kind: 'functional',
      unit: 'bidang-perdagangan',
      holder: pns('199203302019032003', 'Fitri Handayani', 'III/b', { back: 'S.E.' }),
      username: 'disdagtrans.analis-perdagangan',
    },
    {
      code: 'op-perdagangan',
      name: 'Operator Layanan Operasional',
      kind: 'staff',
      unit: 'bidang-perdagangan',
      holder: pns('199411162020031002', 'Hendri Saputra', 'II/d', { back: 'A.Md.' }),
      username: 'disdagtrans.op-perdagangan',
    },
    {
      code: 'kabid-pasar',
      name: 'Kepala Bidang Pasar dan Sarana Distribusi',
      kind: 'head',
      unit: 'bidang-pasar',
      holder: pns('197805272004011003', 'Armen', 'IV/a', { back: 'S.T.' }),
      username: 'disdagtrans.kabid-pasar',
    },
    {
      code: 'op-pasar',
      name: 'Operator Layanan Operasional',
      kind: 'staff',
      unit: 'bidang-pasar',
      holder: pns('198901142009122001', 'Nurhasni', 'II/d'),
      username: 'disdagtrans.op-pasar',
    },
    {
      code: 'kabid-transmigrasi',
      name: 'Kepala Bidang Transmigrasi',
      kind: 'head',
      unit: 'bidang-transmigrasi',
      holder: pns('197610292002121004', 'Syafrudin', 'IV/a', { back: 'S.P., M.Si.' }),
      username: 'disdagtrans.kabid-transmigrasi',
    },
    {
      code: 'op-transmigrasi',
      name: 'Operator Layanan Operasional',
      kind: 'staff',
      unit: 'bidang-transmigrasi',
      holder: pns('199607012021122002', 'Yuliza Rahmi', 'III/a', { back: 'S.Sos.' }),
      username: 'disdagtrans.op-transmigrasi',
    },
  ],
  teams: [
    {
      code: 'tim-sakip-internal',
      name: 'Tim SAKIP Internal',
      description:
        'Menyusun rencana kegiatan, mengumpulkan dokumen, membimbing operator Bidang, merekap dan mengukur capaian kinerja Dinas.',
      members: [
        { role: 'ketua', position: 'sekretaris-dinas' },
        { role: 'sekretaris', position: 'kasubbag-perencanaan' },
        { role: 'anggota', position: 'kabid-perdagangan' },
        { role: 'anggota', position: 'kabid-pasar' },
        { role: 'anggota', position: 'kabid-transmigrasi' },
        { role: 'anggota', position: 'perencana' },
        { role: 'anggota', position: 'op-perencanaan' },
      ],
    },
  ],
  notes: [
    'Seed 004: the lane is printed "Sekretariat" in the Pengumpulan table and "Sekretaris" in the Pengukuran table; both are the Sekretaris Dinas. "Bidang" is the Kepala Bidang of each Bidang (step 7 of Pengumpulan), "Staf/ Operator" the operator of each Bidang.',
    'The lane "Tim SAKIP Internal" is the team of that name; its work is carried by the team\'s sekretaris, the Kepala Sub Bagian Perencanaan dan Program, which is the position the lane map names.',
  ],
};

// ── The governments ───────────────────────────────────────────────────────────────────────────

export const demoData: DemoGovernment[] = [
  {
    code: 'banggai',
    name: 'Pemerintah Kabupaten Banggai',
    kind: 'kabupaten',
    region: 'Kabupaten Banggai',
    province: 'Sulawesi Tengah',
    timeZone: 'Asia/Makassar',
    address: 'Jl. Jenderal Ahmad Yani No. 1, Luwuk, Kabupaten Banggai, Sulawesi Tengah 94711',
    letterhead: { lines: ['PEMERINTAH KABUPATEN BANGGAI'] },
    adminUsername: 'banggai.admin',
    agencies: [banggaiDisdag, banggaiMasama],
  },
  {
    code: 'sidoarjo',
    name: 'Pemerintah Kabupaten Sidoarjo',
    kind: 'kabupaten',
    region: 'Kabupaten Sidoarjo',
    province: 'Jawa Timur',
    timeZone: 'Asia/Jakarta',
    address: 'Jl. Sultan Agung No. 39, Sidoarjo, Jawa Timur 61212',
    letterhead: { lines: ['PEMERINTAH KABUPATEN SIDOARJO'] },
    adminUsername: 'sidoarjo.admin',
    agencies: [sidoarjoDisperindag],
  },
  {
    code: 'kalbar',
    name: 'Pemerintah Provinsi Kalimantan Barat',
    kind: 'provinsi',
    region: 'Provinsi Kalimantan Barat',
    province: 'Kalimantan Barat',
    timeZone: 'Asia/Jakarta',
    address: 'Jl. Jenderal Ahmad Yani, Pontianak, Kalimantan Barat 78124',
    letterhead: { lines: ['PEMERINTAH PROVINSI KALIMANTAN BARAT'] },
    adminUsername: 'kalbar.admin',
    agencies: [kalbarBiroOrganisasi, kalbarDppesdm],
  },
  {
    code: 'pesisir-selatan',
    name: 'Pemerintah Kabupaten Pesisir Selatan',
    kind: 'kabupaten',
    region: 'Kabupaten Pesisir Selatan',
    province: 'Sumatera Barat',
    timeZone: 'Asia/Jakarta',
    address: 'Jl. H. Ilyas Yakub No. 1, Painan, Kabupaten Pesisir Selatan, Sumatera Barat 25611',
    letterhead: { lines: ['PEMERINTAH KABUPATEN PESISIR SELATAN'] },
    adminUsername: 'pessel.admin',
    agencies: [pesselDisdagtrans],
  },
];

/**
 * Every lane of the seed SOPs (titles as printed in the Pelaksana columns, per agency code)
 * and the position it maps to. Lanes that mean "the official of the unit the case is about"
 * (Kepala Bidang, Kepala Seksi, JP, Staf/Operator) name one representative position.
 */
export const demoLaneMap: Record<string, Record<string, string>> = {
  // Seed 000, Mekanisme Perbaikan Data Kinerja.
  disdag: {
    'Kepala Dinas': 'kepala-dinas',
    'Sekretaris Dinas': 'sekretaris-dinas',
    'Kasubbag Perencanaan & Evaluasi': 'kasubbag-perencanaan-evaluasi',
    'Kepala Bidang': 'kabid-perdagangan',
    'Kepala Seksi': 'kasi-distribusi',
    'Jabatan Pelaksana (JP)': 'jp-perdagangan-1',
  },
  // Seed 002, three SOPs; the one lane is printed three ways.
  masama: {
    Camat: 'camat',
    Sekretaris: 'sekretaris-kecamatan',
    'Kepala Seksi/Lurah': 'kasi-pemerintahan',
    'kepala seksi/lurah': 'kasi-pemerintahan',
    'Kepala Seksi/ Lurah': 'lurah-masama',
    'Kasubag Evlap': 'kasubbag-evlap',
    Pelaksana: 'pelaksana-pemerintahan',
    Kasubag: 'kasubbag-umum',
    'Kasubag Perenc': 'kasubbag-evlap',
  },
  // Seed 001, Mekanisme Kesalahan Data Kinerja (plus the PPTK of its definitions).
  disperindag: {
    'Kepala OPD': 'kepala-dinas',
    'Pejabat Pelaporan': 'kasubbag-perencanaan-keuangan',
    Sekretaris: 'sekretaris-dinas',
    Staf: 'staf-pengolah-data',
    'Pejabat Pelaksana Teknis Kegiatan (PPTK)': 'kabid-perindustrian',
  },
  // Seed 003, Perbaikan Data Kinerja: the lanes.
  'biro-organisasi': {
    'Karo Organisasi': 'karo-organisasi',
    'Kabag Tatalaksana': 'kabag-tatalaksana',
    'Kasubbag TU': 'kasubbag-tu',
    Pelaksana: 'pelaksana-tu-1',
    Arsiparis: 'arsiparis',
  },
  // Seed 003: not lanes, but the offices the document's header and approval name.
  dppesdm: {
    'Kepala Dinas': 'kepala-dinas',
    Sekretariat: 'sekretaris-dinas',
    'Sub Bagian Renja dan Monev': 'kasubbag-renja-monev',
  },
  // Seed 004, Pengumpulan and Pengukuran Data Kinerja.
  disdagtrans: {
    'Kepala Dinas': 'kepala-dinas',
    Sekretariat: 'sekretaris-dinas',
    Sekretaris: 'sekretaris-dinas',
    Bidang: 'kabid-perdagangan',
    'Tim SAKIP Internal': 'kasubbag-perencanaan',
    'Staf/ Operator': 'op-perdagangan',
    Staf: 'op-perdagangan',
  },
};
