/** The one route table (WEB.md §5): every page lazy, so sign-in loads no feature code. */
import { createBrowserRouter } from 'react-router';

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const router = createBrowserRouter(
  [
    { path: '/login', lazy: page(() => import('../features/auth/pages/LoginPage')) },
    {
      path: '/',
      lazy: page(() => import('./layouts/Shell')),
      children: [
        { index: true, lazy: page(() => import('../features/workbench/pages/WorkbenchPage')) },
        {
          path: 'files',
          // Two chunks loaded at once: the loader starts GET /files while the page's code still loads.
          lazy: {
            loader: async () => (await import('../features/files/route')).filesListLoader,
            Component: async () => (await import('../features/files/pages/FilesPage')).default,
          },
        },
        { path: 'intake', lazy: page(() => import('../features/intake/pages/IntakePage')) },
        { path: 'files/:id', lazy: page(() => import('../features/files/pages/FilePage')) },
        { path: 'approvals', lazy: page(() => import('../features/approvals/pages/ApprovalsPage')) },
        { path: 'emergency-access', lazy: page(() => import('../features/emergency/pages/EmergencyAccessPage')) },
        { path: 'referrals', lazy: page(() => import('../features/partner/pages/PartnerInboxPage')) },
        { path: 'referrals/:id', lazy: page(() => import('../features/partner/pages/PartnerReferralPage')) },
        { path: 'police/handovers', lazy: page(() => import('../features/police/pages/HandoversPage')) },
        { path: 'police/dna', lazy: page(() => import('../features/police/pages/DnaComparisonsPage')) },
        { path: 'police/dna/:id', lazy: page(() => import('../features/police/pages/DnaComparisonPage')) },
        { path: 'police/household', lazy: page(() => import('../features/police/pages/HouseholdTasksPage')) },
        { path: 'police/household/:fileId', lazy: page(() => import('../features/police/pages/HouseholdTaskPage')) },
        { path: 'statistics', lazy: page(() => import('../features/statistics/pages/StatisticsPage')) },
        { path: 'statistics/reports/:id', lazy: page(() => import('../features/statistics/pages/ReportPage')) },
        { path: 'password', lazy: page(() => import('../features/auth/pages/ChangePasswordPage')) },
        {
          path: 'admin',
          lazy: page(() => import('../features/admin/pages/AdminLayout')),
          children: [
            { index: true, lazy: page(() => import('../features/admin/pages/AdminIndex')) },
            { path: 'users', lazy: page(() => import('../features/admin/pages/UsersPage')) },
            { path: 'organisations', lazy: page(() => import('../features/admin/pages/OrganisationsPage')) },
            { path: 'jurisdictions', lazy: page(() => import('../features/admin/pages/JurisdictionsPage')) },
            { path: 'calendar', lazy: page(() => import('../features/admin/pages/CalendarPage')) },
            { path: 'audit', lazy: page(() => import('../features/admin/pages/AuditPage')) },
          ],
        },
        { path: '*', lazy: page(() => import('./layouts/NotFound')) },
      ],
    },
  ],
  { basename: '/app' },
);
