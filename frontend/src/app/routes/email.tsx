import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { hasPermission, useMe } from '@/features/auth/api/auth';
import { CampaignPage } from '@/features/email/components/campaign-page';
import { EmailSendsPage } from '@/features/email/components/email-sends-page';
import { EmailTemplatesPage } from '@/features/email/components/email-templates-page';

/** Settings → Email templates: admins only (the server refuses edits by others too). */
export function EmailTemplatesRoute() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  if (!hasPermission(me, 'admin')) return <Alert color="gray">{t('client.readOnly')}</Alert>;
  return <EmailTemplatesPage />;
}

export function EmailSendsRoute() {
  const me = useMe().data;
  return <EmailSendsPage canCancel={hasPermission(me, 'write')} />;
}

export function CampaignRoute() {
  const { id } = useParams();
  return id ? <CampaignPage key={id} sendId={id} /> : null;
}
