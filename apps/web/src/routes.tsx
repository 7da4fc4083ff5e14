import type { ComponentType } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { SignInPage } from './auth/SignInPage';
import { AuthGate, RequireAdmin } from './shell/AuthGate';
import { HomePage } from './shell/HomePage';
import { NotFoundPage } from './shell/NotFoundPage';
import { PageOutlet, RouteFallback } from './ui/RouteFallback';

/**
 * A page whose code is downloaded the first time someone opens it, so signing in and the home
 * page do not wait for every screen of the app. `name` is the module's export.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType> | undefined>, name: K) {
  return async () => {
    const module = await load();
    // No module: its file is gone after a release and main.tsx is reloading the app; keep the
    // loader up until then rather than flash an error.
    if (!module) return new Promise<never>(() => {});
    return { Component: module[name] };
  };
}

/** Paths are in Bahasa Indonesia, like the rest of what people see. */
export const router = createBrowserRouter([
  { path: '/masuk', element: <SignInPage /> },
  // The page a signed document's QR code opens: public, no sign-in.
  {
    path: '/verifikasi',
    hydrateFallbackElement: <RouteFallback />,
    lazy: page(() => import('./verification/VerificationPage'), 'VerificationLookupPage'),
  },
  {
    path: '/verifikasi/:code',
    hydrateFallbackElement: <RouteFallback />,
    lazy: page(() => import('./verification/VerificationPage'), 'VerificationPage'),
  },
  // A government's approved achievements, when it publishes them: public, no sign-in.
  {
    path: '/publik/:code',
    hydrateFallbackElement: <RouteFallback />,
    lazy: page(() => import('./dashboards/PublicAchievementsPage'), 'PublicAchievementsPage'),
  },
  {
    path: '/',
    element: <AuthGate />,
    children: [
      {
        // Keeps the layout up, with a loader in the page area, while a page's code downloads.
        element: <PageOutlet />,
        hydrateFallbackElement: <RouteFallback />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'dasbor', lazy: page(() => import('./dashboards/DashboardPage'), 'DashboardPage') },

          // Cases
          { path: 'tugas', lazy: page(() => import('./cases/InboxPage'), 'InboxPage') },
          { path: 'kasus', lazy: page(() => import('./cases/CasesPage'), 'CasesPage') },
          { path: 'kasus/:caseId', lazy: page(() => import('./cases/CasePage'), 'CasePage') },

          // Organisation and people
          { path: 'organisasi/pemerintah', lazy: page(() => import('./org/GovernmentsPage'), 'GovernmentsPage') },
          {
            path: 'organisasi/pemerintah/:governmentId',
            lazy: page(() => import('./org/GovernmentDetailPage'), 'GovernmentDetailPage'),
          },
          { path: 'organisasi/perangkat-daerah', lazy: page(() => import('./org/AgenciesPage'), 'AgenciesPage') },
          {
            path: 'organisasi/perangkat-daerah/:agencyId',
            lazy: page(() => import('./org/AgencyDetailPage'), 'AgencyDetailPage'),
          },
          { path: 'organisasi/jabatan', lazy: page(() => import('./org/PositionsPage'), 'PositionsPage') },
          { path: 'organisasi/tim', lazy: page(() => import('./org/TeamsPage'), 'TeamsPage') },
          { path: 'pegawai', lazy: page(() => import('./people/EmployeesPage'), 'EmployeesPage') },
          { path: 'pegawai/:employeeId', lazy: page(() => import('./plans/EmployeePage'), 'EmployeePage') },

          // Plans and performance agreements
          { path: 'rencana', lazy: page(() => import('./plans/PlansPage'), 'PlansPage') },
          { path: 'rencana/:planId', lazy: page(() => import('./plans/PlanPage'), 'PlanPage') },
          { path: 'perjanjian-kinerja', lazy: page(() => import('./plans/AgreementsPage'), 'AgreementsPage') },
          {
            path: 'perjanjian-kinerja/:agreementId',
            lazy: page(() => import('./plans/AgreementPage'), 'AgreementPage'),
          },

          // Data collection
          { path: 'pengumpulan', lazy: page(() => import('./collection/PeriodsPage'), 'PeriodsPage') },
          { path: 'pengumpulan/:periodId', lazy: page(() => import('./collection/PeriodPage'), 'PeriodPage') },
          {
            path: 'pengumpulan/:periodId/formulir/:unit',
            lazy: page(() => import('./collection/FormPage'), 'FormPage'),
          },

          // Corrections of locked data
          { path: 'perbaikan', lazy: page(() => import('./corrections/CorrectionsPage'), 'CorrectionsPage') },
          {
            path: 'perbaikan/:correctionId',
            lazy: page(() => import('./corrections/CorrectionPage'), 'CorrectionPage'),
          },

          // Measurement and Renstra monitoring
          { path: 'monitoring-renstra', lazy: page(() => import('./monitoring/MonitoringPage'), 'MonitoringPage') },
          { path: 'pengukuran', lazy: page(() => import('./measurement/MeasurementPage'), 'MeasurementPage') },

          // Electronic documents and the buku agenda
          {
            path: 'dokumen-elektronik',
            lazy: page(() => import('./signatures/SignedDocumentsPage'), 'SignedDocumentsPage'),
          },
          { path: 'buku-agenda', lazy: page(() => import('./numbering/AgendaPage'), 'AgendaPage') },
          { path: 'arsip', lazy: page(() => import('./archive/ArchivePage'), 'ArchivePage') },

          // SOPs
          { path: 'sop', lazy: page(() => import('./sop/SopLibraryPage'), 'SopLibraryPage') },
          { path: 'sop/:sopId', lazy: page(() => import('./sop/SopPage'), 'SopPage') },

          // Administration and the account
          {
            element: (
              <RequireAdmin>
                <Outlet />
              </RequireAdmin>
            ),
            children: [
              { path: 'pengguna', lazy: page(() => import('./users/UsersPage'), 'UsersPage') },
              { path: 'audit', lazy: page(() => import('./audit/AuditPage'), 'AuditPage') },
              {
                path: 'sertifikat-elektronik',
                lazy: page(() => import('./signatures/CertificatesPage'), 'CertificatesPage'),
              },
            ],
          },
          { path: 'akun', lazy: page(() => import('./account/AccountPage'), 'AccountPage') },

          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
