import { LineChart, type LineChartSeries } from '@mantine/charts';

/**
 * A series of counts per day (the dashboard's trend, a campaign's funnel): a labelled image, whole numbers in the
 * user's locale, about one day label per 60 px so that "30 nov." never sits over "1 déc.".
 */
export function DailyLineChart({ label, data, series, locale, curveType = 'monotone', h = 240 }: {
  label: string;
  /** One object a day: `day` (the shown label) and a number per series name. */
  data: Record<string, unknown>[];
  series: LineChartSeries[];
  locale: string;
  curveType?: 'monotone' | 'stepAfter' | 'linear';
  h?: number;
}) {
  const fmt = new Intl.NumberFormat(locale);
  const tickEvery = Math.max(0, Math.ceil(data.length / 8) - 1);
  return (
    <div role="img" aria-label={label}>
      <LineChart
        h={h}
        data={data}
        dataKey="day"
        series={series}
        withLegend
        curveType={curveType}
        withDots={data.length <= 31}
        xAxisProps={{ interval: tickEvery, minTickGap: 16 }}
        yAxisProps={{ allowDecimals: false }}
        valueFormatter={(v) => fmt.format(v)}
        tooltipAnimationDuration={0}
      />
    </div>
  );
}
