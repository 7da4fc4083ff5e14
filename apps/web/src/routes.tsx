import { createBrowserRouter } from 'react-router-dom';
import { AccountPage } from './account/AccountPage';
import { AuditPage } from './audit/AuditPage';
import { SignInPage } from './auth/SignInPage';
import { CasePage } from './cases/CasePage';
import { CasesPage } from './cases/CasesPage';
import { InboxPage } from './cases/InboxPage';
import { FormPage } from './collection/FormPage';
import { PeriodPage } from './collection/PeriodPage';
import { PeriodsPage } from './collection/PeriodsPage';
import { AgenciesPage } from './org/AgenciesPage';
import { AgencyDetailPage } from './org/AgencyDetailPage';
import { GovernmentDetailPage } from './org/GovernmentDetailPage';
import { GovernmentsPage } from './org/GovernmentsPage';
import { PositionsPage } from './org/PositionsPage';
import { TeamsPage } from './org/TeamsPage';
import { EmployeesPage } from './people/EmployeesPage';
import { AgreementPage } from './plans/AgreementPage';
import { AgreementsPage } from './plans/AgreementsPage';
import { EmployeePage } from './plans/EmployeePage';
import { PlanPage } from './plans/PlanPage';
import { PlansPage } from './plans/PlansPage';
import { AuthGate, RequireAdmin } from './shell/AuthGate';
import { HomePage } from './shell/HomePage';
import { NotFoundPage } from './shell/NotFoundPage';
import { SopLibraryPage } from './sop/SopLibraryPage';
import { SopPage } from './sop/SopPage';
import { UsersPage } from './users/UsersPage';

/** Paths are in Bahasa Indonesia, like the rest of what people see. */
export const router = createBrowserRouter([
  { path: '/masuk', element: <SignInPage /> },
  {
    path: '/',
    element: <AuthGate />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'tugas', element: <InboxPage /> },
      { path: 'kasus', element: <CasesPage /> },
      { path: 'kasus/:caseId', element: <CasePage /> },
      { path: 'organisasi/pemerintah', element: <GovernmentsPage /> },
      { path: 'organisasi/pemerintah/:governmentId', element: <GovernmentDetailPage /> },
      { path: 'organisasi/perangkat-daerah', element: <AgenciesPage /> },
      { path: 'organisasi/perangkat-daerah/:agencyId', element: <AgencyDetailPage /> },
      { path: 'organisasi/jabatan', element: <PositionsPage /> },
      { path: 'organisasi/tim', element: <TeamsPage /> },
      { path: 'pegawai', element: <EmployeesPage /> },
      { path: 'pegawai/:employeeId', element: <EmployeePage /> },
      { path: 'rencana', element: <PlansPage /> },
      { path: 'rencana/:planId', element: <PlanPage /> },
      { path: 'perjanjian-kinerja', element: <AgreementsPage /> },
      { path: 'perjanjian-kinerja/:agreementId', element: <AgreementPage /> },
      { path: 'pengumpulan', element: <PeriodsPage /> },
      { path: 'pengumpulan/:periodId', element: <PeriodPage /> },
      { path: 'pengumpulan/:periodId/formulir/:unit', element: <FormPage /> },
      { path: 'sop', element: <SopLibraryPage /> },
      { path: 'sop/:sopId', element: <SopPage /> },
      {
        path: 'pengguna',
        element: (
          <RequireAdmin>
            <UsersPage />
          </RequireAdmin>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequireAdmin>
            <AuditPage />
          </RequireAdmin>
        ),
      },
      { path: 'akun', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
