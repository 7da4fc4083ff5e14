import type { archiveId } from './archive.id';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English: the archive, a case's dossier, data before review and the changes report (merged into `en.ts`). */
export const archiveEn: Strings<typeof archiveId> = {
  archive: {
    nav: 'Archive',
    title: 'Archive (arsip)',
    description:
      'Every fully signed document and the record of every closed case, with its retention class from the archive retention schedule (JRA). Archived items cannot be changed.',
    searchLabel: 'Search title, number, subject, signers',
    agency: 'Agency',
    kind: 'Kind',
    source: 'Source',
    sources: { document: 'Signed document', case: 'Case record' },
    year: 'Year',
    period: 'Period',
    number: 'Number',
    titleColumn: 'Title',
    retention: 'Retention',
    retainUntil: 'kept until {{date}}',
    permanent: 'kept permanently',
    archivedAt: 'Archived',
    archivedBy: 'by {{name}}',
    download: 'Download document',
    downloadNamed: 'Download document {{title}}',
    dossier: 'Download case dossier (zip)',
    dossierNamed: 'Download the dossier of case #{{number}} (zip)',
    openCase: 'Open case #{{number}}',
    verify: 'Verify',
    empty: 'Nothing in the archive matches.',
  },
  history: {
    caseLink: 'Case #{{number}}',
    afterLock: 'after the lock',
    beforeReview: 'Data before review',
    beforeReviewHelp:
      'Shows the values as they stood when the period was locked ({{time}}), before any correction. Read only.',
    beforeReviewNotLocked: 'Available once the period is locked',
    changesReport: 'Report of changes to locked data',
    changesReportPdf: 'Report of changes to locked data (PDF)',
    changesReportXlsx: 'Report of changes to locked data (Excel)',
  },
};
