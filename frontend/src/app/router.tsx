import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { PeppolDashboard } from '@/features/dashboard/components/peppol-dashboard';
import { RefreshRunsRoute } from './routes/refresh-runs';
import { PeppolChangesRoute } from './routes/peppol-changes';
import { AppLayout } from './layout';
import { CampaignRoute, EmailSendsRoute, EmailTemplatesRoute } from './routes/email';
import { ClientCardRoute } from './routes/client-card';
import { ClientsListRoute } from './routes/clients-list';
import { ClientImportPage } from './routes/client-import';
import { SettingsRoute } from './routes/settings';

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/clients" replace /> },
      { path: 'dashboard', element: <PeppolDashboard /> },
      { path: 'clients', element: <ClientsListRoute /> },
      { path: 'clients/import', element: <ClientImportPage /> },
      { path: 'clients/:id', element: <ClientCardRoute /> },
      { path: 'peppol/runs', element: <RefreshRunsRoute /> },
      { path: 'peppol/changes', element: <PeppolChangesRoute /> },
      { path: 'settings', element: <SettingsRoute /> },
      { path: 'settings/email-templates', element: <EmailTemplatesRoute /> },
      { path: 'email-sends', element: <EmailSendsRoute /> },
      { path: 'email-sends/:id/campaign', element: <CampaignRoute /> },
      { path: '*', element: <Navigate to="/clients" replace /> },
    ],
  },
];
