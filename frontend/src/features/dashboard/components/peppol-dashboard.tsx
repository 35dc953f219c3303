import { useState } from 'react';
import { Alert, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BarList, type BarItem } from '@/components/charts/bar-list';
import { LineChart } from '@/components/charts/line-chart';
import { currentLanguage } from '@/i18n';
import type { GroupCount } from '@/lib/api-types';
import { localeOf } from '@/lib/field-format';
import { PEPPOL_STATUS_COLOR, PEPPOL_STATUSES } from '@/lib/peppol-status';
import { usePeppolSummary } from '../api/get-summary';
import { useErrorText } from '@/hooks/use-error-text';

const PERIODS = ['30', '90', '365'];
const TOP = 10;

/** Top entries, the rest folded into one "others" bar. */
function topItems(groups: GroupCount[], label: (g: GroupCount) => string, othersLabel: (n: number) => string): BarItem[] {
  const sorted = [...groups].sort((a, b) => b.count - a.count);
  const items: BarItem[] = sorted.slice(0, TOP).map((g) => ({ key: String(g.value), label: label(g), value: g.count }));
  const rest = sorted.slice(TOP);
  if (rest.length) items.push({ key: '__others', label: othersLabel(rest.length), value: rest.reduce((n, g) => n + g.count, 0), color: 'gray' });
  return items;
}

function StatCard({ label, value, hint, color }: { label: string; value: string; hint?: string; color?: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function PeppolDashboard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lang = currentLanguage();
  const locale = localeOf(lang);
  const [days, setDays] = useState('30');
  const summary = usePeppolSummary(Number(days));
  const fmt = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });

  if (summary.isPending) {
    return (
      <Group justify="center" p="xl">
        <Loader />
      </Group>
    );
  }
  if (summary.error || !summary.data) {
    return (
      <Alert color="red" title={t('common.error')} role="alert">
        {errorText.text(summary.error)}
      </Alert>
    );
  }

  const s = summary.data;
  const total = s.total;
  const countOf = (groups: GroupCount[], value: unknown) => groups.find((g) => g.value === value)?.count ?? 0;
  const share = (n: number) => t('dashboard.ofTotal', { pct: pct.format(total ? n / total : 0) });
  const registered = countOf(s.byStatus, 'REGISTERED');
  const ready = countOf(s.byReadiness, true);
  const neverChecked = countOf(s.byStatus, null);

  const statusItems: BarItem[] = [...PEPPOL_STATUSES, null]
    .map((status) => ({
      key: String(status),
      label: t(`peppol.statuses.${status ?? 'UNKNOWN'}`),
      value: countOf(s.byStatus, status),
      color: PEPPOL_STATUS_COLOR[status ?? 'UNKNOWN'],
    }))
    .filter((i) => i.value > 0);
  const readinessItems: BarItem[] = [
    { key: 'true', label: t('common.yes'), value: ready, color: 'green' },
    { key: 'false', label: t('common.no'), value: countOf(s.byReadiness, false), color: 'red' },
    { key: 'null', label: t('common.unset'), value: countOf(s.byReadiness, null), color: 'gray' },
  ].filter((i) => i.value > 0);
  const others = (n: number) => t('dashboard.others', { count: n });
  const accessPoints = topItems(s.byAccessPoint, (g) => (g.value === null ? t('dashboard.noAccessPoint') : g.label || String(g.value)), others);
  const software = (groups: GroupCount[]) => topItems(groups, (g) => (g.value === null ? t('common.unset') : g.label || String(g.value)), others);

  const dayLabel = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const labels = s.daily.map((d) => dayLabel.format(new Date(`${d.date}T12:00:00Z`)));
  const series = PEPPOL_STATUSES.map((status) => ({
    key: status,
    label: t(`peppol.statuses.${status}`),
    color: PEPPOL_STATUS_COLOR[status],
    values: s.daily.map((d) => d.counts[status] ?? 0),
  })).filter((x) => x.values.some((v) => v > 0));

  const card = (title: string, items: BarItem[]) => (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      <BarList items={items} total={total} emptyLabel={t('dashboard.empty')} locale={locale} />
    </Paper>
  );

  return (
    <Stack gap="md">
      <Title order={2}>{t('dashboard.title')}</Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <StatCard label={t('dashboard.total')} value={fmt.format(total)} />
        <StatCard label={t('dashboard.registered')} value={fmt.format(registered)} hint={share(registered)} color="green" />
        <StatCard label={t('dashboard.ready')} value={fmt.format(ready)} hint={share(ready)} color="indigo" />
        <StatCard label={t('dashboard.neverChecked')} value={fmt.format(neverChecked)} hint={share(neverChecked)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {card(t('dashboard.byStatus'), statusItems)}
        {card(t('dashboard.byReadiness'), readinessItems)}
      </SimpleGrid>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('dashboard.trend')}>
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('dashboard.trend')}</Title>
          <SegmentedControl
            size="xs"
            aria-label={t('dashboard.period')}
            value={days}
            onChange={setDays}
            data={PERIODS.map((p) => ({ value: p, label: t('dashboard.days', { count: Number(p) }) }))}
          />
        </Group>
        {series.length ? (
          <LineChart labels={labels} series={series} locale={locale} title={t('dashboard.trend')} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('dashboard.empty')}
          </Text>
        )}
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {card(t('dashboard.byAccessPoint'), accessPoints)}
        {card(t('dashboard.bySoftwareReceive'), software(s.bySoftwareReceive))}
        {card(t('dashboard.bySoftwareSend'), software(s.bySoftwareSend))}
      </SimpleGrid>
    </Stack>
  );
}
