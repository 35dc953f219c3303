import { useState } from 'react';
import { BarChart } from '@mantine/charts';
import { DailyLineChart } from '@/components/daily-line-chart';
import { Anchor, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { currentLanguage } from '@/i18n';
import type { GroupCount } from '@/lib/api-types';
import { localeOf } from '@/lib/field-format';
import { PEPPOL_STATUS_COLOR, PEPPOL_STATUSES } from '@/lib/peppol-status';
import { usePeppolSummary } from '../api/get-summary';
import { ErrorAlert } from '@/components/error-alert';

const PERIODS = ['30', '90', '365'];
const TOP = 10;
/** The summary counts active clients only: every link keeps that. */
const ACTIVE = 'status==ACTIVE';

export interface Bar {
  key: string;
  label: string;
  value: number;
  color?: string;
  /** The RSQL filter of exactly the clients counted. */
  filter: string;
}

/** An RSQL argument: bare when it is a plain word, quoted otherwise (names of access points hold spaces). */
function quote(value: string): string {
  return /^[\w.@:+-]+$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The clients of one group of `selector`: its value, or no value for the null group. */
function groupFilter(selector: string, value: GroupCount['value']): string {
  if (value === null) return `${ACTIVE};${selector}=empty=true`;
  return `${ACTIVE};${selector}==${typeof value === 'string' ? quote(value) : String(value)}`;
}

/** The client list showing exactly the clients of `filter`. */
export function clientsUrl(filter: string): string {
  return `/clients?${new URLSearchParams({ filter }).toString()}`;
}

/** Top entries, the rest folded into one "others" bar (its filter: none of the top values, and a value). */
function topBars(selector: string, groups: GroupCount[], label: (g: GroupCount) => string, othersLabel: (n: number) => string): Bar[] {
  const sorted = [...groups].sort((a, b) => b.count - a.count);
  const top = sorted.slice(0, TOP);
  const bars: Bar[] = top.map((g) => ({ key: String(g.value), label: label(g), value: g.count, filter: groupFilter(selector, g.value) }));
  const rest = sorted.slice(TOP);
  if (rest.length) {
    const shown = top.filter((g) => g.value !== null).map((g) => quote(String(g.value)));
    bars.push({
      key: '__others',
      label: othersLabel(rest.length),
      value: rest.reduce((n, g) => n + g.count, 0),
      color: 'gray',
      filter: `${ACTIVE};${selector}=empty=false${shown.length ? `;${selector}=out=(${shown.join(',')})` : ''}`,
    });
  }
  return bars;
}

function StatCard({ label, value, hint, color, to }: { label: string; value: string; hint?: string; color?: string; to: string }) {
  // the whole card is the link: its name is what it shows (label, figure, share)
  return (
    <Anchor component={Link} to={to} underline="never" c="inherit">
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
    </Anchor>
  );
}

/** Horizontal bars (recharts through @mantine/charts) with tooltips; each bar and each legend entry opens its clients. */
function BarsCard({ title, bars, locale }: { title: string; bars: Bar[]; locale: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fmt = new Intl.NumberFormat(locale);
  const seriesLabel = t('list.dashboard.clients');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {bars.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dashboard.empty')}
        </Text>
      ) : (
        <>
          <BarChart
            h={Math.max(90, bars.length * 30 + 20)}
            data={bars.map((b) => ({ label: b.label, count: b.value, color: b.color ?? 'indigo.6' }))}
            dataKey="label"
            orientation="vertical"
            series={[{ name: 'count', label: seriesLabel, color: 'indigo.6' }]}
            getBarColor={() => 'indigo.6'}
            yAxisProps={{ width: 150, interval: 0, tick: { fontSize: 12 } }}
            xAxisProps={{ allowDecimals: false }}
            valueFormatter={(v) => fmt.format(v)}
            gridAxis="x"
            tooltipAnimationDuration={0}
            barProps={{
              cursor: 'pointer',
              onClick: (_data: unknown, index: number) => {
                const bar = bars[index];
                if (bar) void navigate(clientsUrl(bar.filter));
              },
            }}
          />
          <Group gap="xs" mt="xs" role="list" aria-label={title}>
            {bars.map((b) => (
              <div key={b.key} role="listitem" aria-label={t('list.dashboard.countOf', { label: b.label, count: fmt.format(b.value) })}>
                <Anchor component={Link} to={clientsUrl(b.filter)} size="xs" title={t('list.dashboard.openList', { label: b.label, count: b.value })}>
                  {t('list.dashboard.countOf', { label: b.label, count: fmt.format(b.value) })}
                </Anchor>
              </div>
            ))}
          </Group>
        </>
      )}
    </Paper>
  );
}

export function PeppolDashboard() {
  const { t } = useTranslation();
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
    return <ErrorAlert error={summary.error} title={t('common.error')} />;
  }

  const s = summary.data;
  const total = s.total;
  const countOf = (groups: GroupCount[], value: unknown) => groups.find((g) => g.value === value)?.count ?? 0;
  const share = (n: number) => t('dashboard.ofTotal', { pct: pct.format(total ? n / total : 0) });
  const registered = countOf(s.byStatus, 'REGISTERED');
  const ready = countOf(s.byReadiness, true);
  const neverChecked = countOf(s.byStatus, null);

  const statusBars: Bar[] = [...PEPPOL_STATUSES, null]
    .map((status) => ({
      key: String(status),
      label: t(`peppol.statuses.${status ?? 'UNKNOWN'}`),
      value: countOf(s.byStatus, status),
      color: PEPPOL_STATUS_COLOR[status ?? 'UNKNOWN'],
      filter: groupFilter('peppol.status', status),
    }))
    .filter((i) => i.value > 0);
  const readinessBars: Bar[] = (
    [
      { key: 'true', label: t('common.yes'), value: ready, color: 'green', filter: groupFilter('cf.peppol_ready', true) },
      { key: 'false', label: t('common.no'), value: countOf(s.byReadiness, false), color: 'red', filter: groupFilter('cf.peppol_ready', false) },
      { key: 'null', label: t('common.unset'), value: countOf(s.byReadiness, null), color: 'gray', filter: groupFilter('cf.peppol_ready', null) },
    ] satisfies Bar[]
  ).filter((i) => i.value > 0);
  const others = (n: number) => t('dashboard.others', { count: n });
  const accessPoints = topBars('peppol.accessPointName', s.byAccessPoint, (g) => (g.value === null ? t('dashboard.noAccessPoint') : g.label || String(g.value)), others);
  const software = (selector: string, groups: GroupCount[]) =>
    topBars(selector, groups, (g) => (g.value === null ? t('common.unset') : g.label || String(g.value)), others);

  const dayLabel = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const shown = PEPPOL_STATUSES.filter((status) => s.daily.some((d) => (d.counts[status] ?? 0) > 0));
  const trend = s.daily.map((d) => ({
    day: dayLabel.format(new Date(`${d.date}T12:00:00Z`)),
    ...Object.fromEntries(shown.map((status) => [status, d.counts[status] ?? 0])),
  }));
  const series = shown.map((status) => ({ name: status, label: t(`peppol.statuses.${status}`), color: `${PEPPOL_STATUS_COLOR[status]}.6` }));

  return (
    <Stack gap="md">
      <Title order={2}>{t('dashboard.title')}</Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <StatCard label={t('dashboard.total')} value={fmt.format(total)} to={clientsUrl(ACTIVE)} />
        <StatCard
          label={t('dashboard.registered')}
          value={fmt.format(registered)}
          hint={share(registered)}
          color="green"
          to={clientsUrl(groupFilter('peppol.status', 'REGISTERED'))}
        />
        <StatCard
          label={t('dashboard.ready')}
          value={fmt.format(ready)}
          hint={share(ready)}
          color="indigo"
          to={clientsUrl(groupFilter('cf.peppol_ready', true))}
        />
        <StatCard
          label={t('dashboard.neverChecked')}
          value={fmt.format(neverChecked)}
          hint={share(neverChecked)}
          to={clientsUrl(groupFilter('peppol.status', null))}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <BarsCard title={t('dashboard.byStatus')} bars={statusBars} locale={locale} />
        <BarsCard title={t('dashboard.byReadiness')} bars={readinessBars} locale={locale} />
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
          <DailyLineChart label={t('dashboard.trend')} data={trend} series={series} locale={locale} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('dashboard.empty')}
          </Text>
        )}
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <BarsCard title={t('dashboard.byAccessPoint')} bars={accessPoints} locale={locale} />
        <BarsCard title={t('dashboard.bySoftwareReceive')} bars={software('cf.peppol_software_receive', s.bySoftwareReceive)} locale={locale} />
        <BarsCard title={t('dashboard.bySoftwareSend')} bars={software('cf.peppol_software_send', s.bySoftwareSend)} locale={locale} />
      </SimpleGrid>
    </Stack>
  );
}
