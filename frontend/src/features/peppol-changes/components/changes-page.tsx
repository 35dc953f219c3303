import { Badge, Button, Checkbox, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '@/i18n';
import { formatDate, formatDateTime, localeOf } from '@/lib/field-format';
import { CHANGE_KINDS, type PeppolChange, useApplySoftware, usePeppolChanges } from '../api/changes';
import { ErrorAlert } from '@/components/error-alert';

/** The day of a change as people in the firm count it (Brussels). */
function dayOf(at: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

/** What the nightly refresh (and single refreshes) changed, by day, with filters on kind and responsible. */
export interface ChangesPageProps {
  canWrite: boolean;
  /** The signed-in user (the "my clients" filter). */
  userId?: string;
  /** The name of a receiving-software option key. */
  softwareName: (key: string) => string;
}

export function ChangesPage({ canWrite, userId, softwareName }: ChangesPageProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [kind, setKind] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const changes = usePeppolChanges({ kind: kind ?? undefined, responsibleUserId: mine ? userId : undefined });
  const apply = useApplySoftware();

  const items = changes.data?.items ?? [];
  const days: [string, PeppolChange[]][] = [];
  for (const c of items) {
    const day = dayOf(c.at);
    if (days.length === 0 || days[days.length - 1][0] !== day) days.push([day, []]);
    days[days.length - 1][1].push(c);
  }
  const describe = (c: PeppolChange) =>
    t(`changes.describe.${c.kind}`, {
      from: c.from ? t(`peppol.statuses.${c.from}`, { defaultValue: c.from }) : t('common.none'),
      to: c.kind === 'CERTIFICATE_EXPIRING' && c.to ? formatDate(c.to.slice(0, 10), lang) : c.to ? t(`peppol.statuses.${c.to}`, { defaultValue: c.to }) : t('common.none'),
    });

  return (
    <Stack>
      <Title order={2}>{t('changes.title')}</Title>
      <Group align="flex-end">
        <Select
          label={t('changes.kind')}
          placeholder={t('changes.allKinds')}
          clearable
          data={CHANGE_KINDS.map((k) => ({ value: k, label: t(`changes.kinds.${k}`) }))}
          value={kind}
          onChange={setKind}
        />
        <Checkbox label={t('changes.mine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} disabled={!userId} />
      </Group>
      {changes.isLoading && <Loader aria-label={t('changes.title')} />}
      <ErrorAlert error={changes.error} />
      <ErrorAlert error={apply.error} />
      {changes.data && items.length === 0 && <Text c="dimmed">{t('changes.none')}</Text>}
      {days.map(([day, list]) => (
        <Paper key={day} withBorder p="md" radius="md" component="section" aria-label={day}>
          <Title order={3} size="h4" mb="sm">
            {new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'full', timeZone: 'Europe/Brussels' }).format(new Date(list[0].at))}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('changes.client')}</Table.Th>
                <Table.Th>{t('changes.kind')}</Table.Th>
                <Table.Th>{t('changes.what')}</Table.Th>
                <Table.Th>{t('changes.at')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Link to={`/clients/${c.clientId}`}>{c.clientName}</Link>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={c.kind === 'REGISTERED' ? 'green' : c.kind === 'DEREGISTERED' ? 'red' : 'yellow'}>
                      {t(`changes.kinds.${c.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{describe(c)}</Table.Td>
                  <Table.Td>{formatDateTime(c.at, lang)}</Table.Td>
                  <Table.Td>
                    {canWrite && c.suggestedSoftware && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={apply.isPending && apply.variables?.clientId === c.clientId}
                        onClick={() => apply.mutate({ clientId: c.clientId, software: c.suggestedSoftware! })}
                      >
                        {t('changes.applySoftware', { software: softwareName(c.suggestedSoftware) })}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
    </Stack>
  );
}
