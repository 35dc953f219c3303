import { Navigate } from 'react-router';
import { useMe } from '@/features/auth/api/auth';
import { useCategories } from '@/features/custom-fields/api/get-categories';
import { SettingsPage } from '@/features/settings/components/settings-page';

/** /settings, for admins: custom fields (categories, fields, options), users and API tokens. */
export function SettingsRoute() {
  const me = useMe().data;
  const categories = useCategories();
  if (me && me.role !== 'ADMIN') return <Navigate to="/clients" replace />;
  return <SettingsPage categories={categories.data ?? []} categoriesError={categories.error ?? undefined} currentUserId={me?.id} />;
}
