import { hasPermission, useMe } from '@/features/auth/api/auth';
import { useCategories } from '@/features/custom-fields/api/get-categories';
import { ChangesPage } from '@/features/peppol-changes/components/changes-page';
import { currentLanguage } from '@/i18n';
import { labelOf } from '@/lib/field-format';

export function PeppolChangesRoute() {
  const me = useMe().data;
  const lang = currentLanguage();
  const software = useCategories().data?.flatMap((c) => c.fields ?? []).find((f) => f.key === 'peppol_software_receive');
  return (
    <ChangesPage
      canWrite={hasPermission(me, 'write')}
      userId={me?.id}
      softwareName={(key) => labelOf(software?.options?.find((o) => o.key === key)?.labels, lang, key)}
    />
  );
}
