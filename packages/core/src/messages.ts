/**
 * Messages for people, keyed by error code. The server answers in the request's language
 * (Bahasa Indonesia unless the client asks for English); the web app uses the same texts.
 */
export type Locale = 'id' | 'en';
export const locales: readonly Locale[] = ['id', 'en'];

export interface LocalizedText {
  id: string;
  en: string;
}

export const errorMessages = {
  VALIDATION: { id: 'Data yang dikirim tidak valid', en: 'The submitted data is not valid' },
  INVALID_JSON: { id: 'Isi permintaan bukan JSON yang valid', en: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: {
    id: 'Isi permintaan melebihi batas ukuran',
    en: 'The request body exceeds the size limit',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    id: 'Jenis isi permintaan tidak didukung',
    en: 'The request content type is not supported',
  },
  NOT_FOUND: { id: 'Data tidak ditemukan', en: 'Not found' },
  ROUTE_NOT_FOUND: { id: 'Alamat API tidak dikenal', en: 'Unknown API route' },
  UNAUTHENTICATED: { id: 'Silakan masuk terlebih dahulu', en: 'Please sign in first' },
  FORBIDDEN: { id: 'Anda tidak berwenang melakukan tindakan ini', en: 'You are not allowed to do this' },
  CSRF: {
    id: 'Token keamanan (CSRF) tidak ada atau tidak cocok; muat ulang halaman',
    en: 'The security (CSRF) token is missing or does not match; reload the page',
  },
  INVALID_CREDENTIALS: {
    id: 'Nama pengguna/NIP atau kata sandi salah',
    en: 'Wrong username/NIP or password',
  },
  TOTP_REQUIRED: {
    id: 'Masukkan kode verifikasi dari aplikasi autentikator',
    en: 'Enter the verification code from your authenticator app',
  },
  TOTP_INVALID: { id: 'Kode verifikasi salah atau kedaluwarsa', en: 'Wrong or expired verification code' },
  TOTP_SETUP_REQUIRED: {
    id: 'Pemerintah daerah Anda mewajibkan verifikasi dua langkah untuk admin; aktifkan dahulu',
    en: 'Your government requires two-step verification for admins; enable it first',
  },
  PASSWORD_CHANGE_REQUIRED: {
    id: 'Ganti kata sandi yang diberikan admin sebelum melanjutkan',
    en: 'Change the password your administrator gave you before going on',
  },
  TOTP_ALREADY_ENABLED: {
    id: 'Verifikasi dua langkah sudah aktif',
    en: 'Two-step verification is already enabled',
  },
  TOTP_NOT_STARTED: {
    id: 'Mulai pengaturan verifikasi dua langkah terlebih dahulu',
    en: 'Start the two-step verification setup first',
  },
  TOTP_MANDATORY: {
    id: 'Verifikasi dua langkah wajib untuk admin di pemerintah daerah ini dan tidak dapat dimatikan',
    en: 'Two-step verification is mandatory for admins in this government and cannot be turned off',
  },
  TOO_MANY_ATTEMPTS: {
    id: 'Terlalu banyak percobaan masuk yang gagal; coba lagi nanti',
    en: 'Too many failed sign-in attempts; try again later',
  },
  WRONG_PASSWORD: { id: 'Kata sandi saat ini salah', en: 'The current password is wrong' },
  ACCOUNT_INACTIVE: { id: 'Akun ini tidak aktif', en: 'This account is inactive' },
  CONFLICT: { id: 'Data bentrok dengan data yang sudah ada', en: 'The data conflicts with existing data' },
  STALE_WRITE: {
    id: 'Data ini telah diubah orang lain sejak Anda membukanya; muat ulang untuk melihat perubahan terbaru',
    en: 'Someone else changed this record since you opened it; reload to see the latest version',
  },
  DUPLICATE: { id: 'Data dengan nilai ini sudah ada', en: 'A record with this value already exists' },
  INACTIVE_REFERENCE: {
    id: 'Data yang dirujuk tidak aktif',
    en: 'The referenced record is inactive',
  },
  INVALID_REFERENCE: {
    id: 'Data yang dirujuk tidak ada di pemerintah daerah ini',
    en: 'The referenced record does not exist in this government',
  },
  CYCLE: {
    id: 'Unit tidak boleh menjadi induk dari dirinya sendiri atau turunannya',
    en: 'A unit cannot be its own parent or the parent of its ancestors',
  },
  POSITION_HELD: {
    id: 'Jabatan ini sudah memiliki pejabat definitif; akhiri penugasannya terlebih dahulu',
    en: 'This position already has a definitive holder; end that assignment first',
  },
  LAST_SYSTEM_ADMIN: {
    id: 'Admin sistem terakhir tidak dapat dinonaktifkan',
    en: 'The last system administrator cannot be deactivated',
  },
  SOP_INVALID: {
    id: 'Dokumen SOP tidak valid; perbaiki kesalahan yang disebutkan',
    en: 'The SOP document is not valid; fix the errors listed',
  },
  SOP_STATE: {
    id: 'Versi SOP ini tidak dalam status yang memungkinkan tindakan tersebut',
    en: 'This SOP version is not in a status that allows this',
  },
  SOP_LANES_UNRESOLVED: {
    id: 'SOP belum dapat diberlakukan: ada pelaksana yang belum terisi di perangkat daerah ini',
    en: 'The SOP cannot take effect: some lanes have no holder in this agency',
  },
  NOT_AGENCY_HEAD: {
    id: 'Hanya kepala perangkat daerah (atau Plt/Plh-nya) yang dapat mengesahkan SOP',
    en: 'Only the head of the agency (or their Plt/Plh) can approve an SOP',
  },
  SOP_NOT_EFFECTIVE: {
    id: 'SOP ini belum berlaku; sahkan dan berlakukan terlebih dahulu',
    en: 'This SOP is not in effect; approve it and put it into effect first',
  },
  NOT_ASSIGNEE: {
    id: 'Tugas ini bukan untuk jabatan Anda',
    en: 'This task is not for your position',
  },
  SELF_REVIEW: {
    id: 'Anda tidak dapat memeriksa pekerjaan yang Anda selesaikan sendiri pada langkah sebelumnya',
    en: 'You cannot review work you completed yourself at the previous step',
  },
  TASK_NOT_OPEN: {
    id: 'Tugas ini sudah diselesaikan atau dibatalkan; muat ulang untuk melihat keadaannya',
    en: 'This task has already been completed or cancelled; reload to see its state',
  },
  CASE_NOT_OPEN: { id: 'Kasus ini sudah selesai atau dibatalkan', en: 'This case is already closed or cancelled' },
  FILE_TOO_LARGE: {
    id: 'Berkas melebihi batas ukuran 20 MB',
    en: 'The file exceeds the 20 MB size limit',
  },
  FILE_TYPE_REFUSED: {
    id: 'Jenis berkas tidak diterima; unggah PDF, gambar (PNG, JPEG, WebP), dokumen Office/OpenDocument, CSV atau teks',
    en: 'This file type is not accepted; upload a PDF, an image (PNG, JPEG, WebP), an Office/OpenDocument file, CSV or text',
  },
  FILE_MISSING: { id: 'Pilih berkas yang akan diunggah', en: 'Choose a file to upload' },
  PLAN_INACTIVE: {
    id: 'Renstra ini tidak aktif; aktifkan kembali sebelum mengubah isinya',
    en: 'This strategic plan is inactive; reactivate it before changing its content',
  },
  PLAN_TREE_INVALID: {
    id: 'Susunan pohon kinerja tidak valid',
    en: 'The plan tree would not be valid',
  },
  AGREEMENT_LOCKED: {
    id: 'Perjanjian Kinerja ini sudah ditandatangani atau sudah diganti versi perubahan; buat versi perubahan untuk mengubahnya',
    en: 'This performance agreement has been signed or superseded; create a perubahan version to change it',
  },
  AGREEMENT_NOT_SIGNED: {
    id: 'Versi ini belum ditandatangani; ubah saja versi ini tanpa membuat versi perubahan',
    en: 'This version is not signed yet; change it directly instead of creating a perubahan version',
  },
  AGREEMENT_INCOMPLETE: {
    id: 'Perjanjian Kinerja belum lengkap untuk ditandatangani',
    en: 'The performance agreement is not complete enough to be signed',
  },
  WORKBOOK_REFUSED: {
    id: 'Berkas Excel ini ditolak',
    en: 'This Excel file was refused',
  },
  IMPORT_INVALID: {
    id: 'Berkas berisi kesalahan; perbaiki sel yang disebutkan lalu unggah lagi. Belum ada yang disimpan',
    en: 'The file has errors; fix the cells listed and upload it again. Nothing has been saved',
  },
  IMPORT_PREVIEW_NOT_FOUND: {
    id: 'Pratinjau impor tidak ditemukan atau sudah kedaluwarsa (30 menit); unggah berkasnya lagi',
    en: 'The import preview was not found or has expired (30 minutes); upload the file again',
  },
  IMPORT_NOT_YOURS: {
    id: 'Pratinjau impor ini dibuat oleh pengguna lain; unggah berkasnya sendiri untuk pratinjau Anda',
    en: 'This import preview belongs to another user; upload the file yourself for your own preview',
  },
  IMPORT_STALE: {
    id: 'Data berubah sejak pratinjau dibuat; unggah berkasnya lagi untuk melihat pratinjau terbaru',
    en: 'The data changed after the preview was made; upload the file again for a fresh preview',
  },
  PERIOD_LOCKED: {
    id: 'Data periode ini sudah dikunci dan hanya dapat diubah melalui kasus perbaikan data kinerja',
    en: 'The data of this period is locked and can only be changed through a data correction case',
  },
  COLLECTION_WINDOW_CLOSED: {
    id: 'Di luar jadwal pengisian periode ini; hubungi admin bila perlu',
    en: 'Outside the entry window of this period; ask your administrator if needed',
  },
  FORM_SUBMITTED: {
    id: 'Formulir unit ini sudah diselesaikan; data hanya dapat diubah setelah dikembalikan oleh pemeriksa',
    en: "This unit's form has been completed; the data can only change after a reviewer returns it",
  },
  FORM_HAS_ERRORS: {
    id: 'Formulir belum dapat diselesaikan: masih ada kesalahan pada data yang disebutkan',
    en: 'The form cannot be completed yet: the values listed still have errors',
  },
  SUBMISSION_STATE: {
    id: 'Status formulir tidak memungkinkan tindakan ini',
    en: 'The status of the form does not allow this',
  },
  SIGNING_PASSPHRASE_WRONG: {
    id: 'Passphrase tanda tangan elektronik salah',
    en: 'The signing passphrase is wrong',
  },
  SIGNING_LOCKED: {
    id: 'Terlalu banyak passphrase salah; kunci tanda tangan Anda terkunci sementara, coba lagi nanti',
    en: 'Too many wrong passphrases; your signing key is locked for a while, try again later',
  },
  SIGNING_CERTIFICATE_MISSING: {
    id: 'Anda belum memiliki sertifikat elektronik yang berlaku; daftarkan di halaman Akun saya',
    en: 'You have no valid signing certificate; enrol on the My account page',
  },
  SIGNING_CERTIFICATE_EXISTS: {
    id: 'Anda sudah memiliki sertifikat elektronik yang berlaku; gunakan perpanjangan untuk menggantinya',
    en: 'You already have a valid signing certificate; renew it to replace it',
  },
  SIGNING_NOT_ENROLLABLE: {
    id: 'Hanya pegawai yang memegang jabatan yang dapat mendaftarkan sertifikat elektronik',
    en: 'Only an employee who holds a position can enrol for a signing certificate',
  },
  SIGNING_NOT_YOUR_TURN: {
    id: 'Dokumen ini belum atau tidak menunggu tanda tangan jabatan Anda',
    en: 'This document is not waiting for the signature of your position',
  },
  SIGNING_DOCUMENT_STATE: {
    id: 'Dokumen ini sudah selesai ditandatangani atau dibatalkan',
    en: 'This document is already fully signed or cancelled',
  },
  SIGNING_SERVICE_UNAVAILABLE: {
    id: 'Layanan tanda tangan elektronik tidak dapat dihubungi; coba lagi nanti',
    en: 'The signing service cannot be reached; try again later',
  },
  SIGNING_SERVICE_REFUSED: {
    id: 'Layanan tanda tangan elektronik menolak permintaan ini',
    en: 'The signing service refused this request',
  },
  NUMBERING_PATTERN_MISSING: {
    id: 'Belum ada pola penomoran untuk jenis dokumen ini di perangkat daerah tersebut; minta admin mengaturnya',
    en: 'There is no numbering pattern for this kind of document in that agency; ask an administrator to set one',
  },
  INTERNAL: {
    id: 'Terjadi kesalahan pada server; silakan coba lagi',
    en: 'Something went wrong on the server; please try again',
  },
} as const satisfies Record<string, LocalizedText>;

export type ErrorCode = keyof typeof errorMessages;

/** Picks the locale from an Accept-Language header or an explicit choice; Indonesian by default. */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return 'id';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}
