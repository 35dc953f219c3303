import { Group, Text } from '@mantine/core';

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  values: number[];
}

const COLORS: Record<string, string> = {
  green: '#2f9e44',
  red: '#e03131',
  orange: '#f08c00',
  gray: '#868e96',
  yellow: '#fab005',
  indigo: '#4c6ef5',
  blue: '#1c7ed6',
};

/** A small dependency-free SVG line chart: one line per series over the same x labels. */
export function LineChart({ labels, series, height = 240, locale, title }: { labels: string[]; series: LineSeries[]; height?: number; locale: string; title: string }) {
  const width = 760;
  const pad = { top: 12, right: 16, bottom: 28, left: 48 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const niceMax = niceCeil(max);
  const x = (i: number) => pad.left + (labels.length <= 1 ? innerW / 2 : (i / (labels.length - 1)) * innerW);
  const y = (v: number) => pad.top + innerH - (v / niceMax) * innerH;
  const fmt = new Intl.NumberFormat(locale);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(niceMax * f));
  const every = Math.max(1, Math.ceil(labels.length / 8));

  return (
    <div>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} style={{ display: 'block' }}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="#e9ecef" />
            <text x={pad.left - 8} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#868e96">
              {fmt.format(t)}
            </text>
          </g>
        ))}
        {labels.map((l, i) =>
          i % every === 0 || i === labels.length - 1 ? (
            <text key={l} x={x(i)} y={height - 8} textAnchor="middle" fontSize="11" fill="#868e96">
              {l}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <polyline
            key={s.key}
            fill="none"
            stroke={COLORS[s.color] ?? s.color}
            strokeWidth={2}
            strokeLinejoin="round"
            points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
          >
            <title>{s.label}</title>
          </polyline>
        ))}
      </svg>
      <Group gap="md" mt="xs" justify="center">
        {series.map((s) => (
          <Group key={s.key} gap={6}>
            <span style={{ width: 12, height: 3, background: COLORS[s.color] ?? s.color, display: 'inline-block', borderRadius: 2 }} />
            <Text size="xs">
              {s.label} ({fmt.format(s.values.at(-1) ?? 0)})
            </Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}

function niceCeil(n: number): number {
  const pow = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= n) return m * pow;
  return 10 * pow;
}
