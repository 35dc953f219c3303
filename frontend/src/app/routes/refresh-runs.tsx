import { useMe } from '@/features/auth/api/auth';
import { RefreshRunsPage } from '@/features/peppol-runs/components/refresh-runs-page';

export function RefreshRunsRoute() {
  const me = useMe().data;
  return <RefreshRunsPage isAdmin={me?.role === 'ADMIN'} />;
}
