import { Group, Progress, Stack, Text } from '@mantine/core';

export interface BarItem {
  key: string;
  label: string;
  value: number;
  color?: string;
}

/** Horizontal bars with label, count and share: readable for a handful to a dozen categories. */
export function BarList({ items, total, emptyLabel, locale }: { items: BarItem[]; total: number; emptyLabel: string; locale: string }) {
  if (!items.length || total === 0) {
    return (
      <Text size="sm" c="dimmed">
        {emptyLabel}
      </Text>
    );
  }
  const fmt = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <Stack gap={10} role="list">
      {items.map((item) => (
        <div key={item.key} role="listitem" aria-label={`${item.label}: ${fmt.format(item.value)}`}>
          <Group justify="space-between" gap="xs" wrap="nowrap" mb={2}>
            <Text size="sm" truncate>
              {item.label}
            </Text>
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {fmt.format(item.value)}{' '}
              <Text span size="xs" c="dimmed" fw={400}>
                {pct.format(item.value / total)}
              </Text>
            </Text>
          </Group>
          <Progress
            value={(item.value / total) * 100}
            color={item.color ?? 'indigo'}
            size="md"
            radius="sm"
            aria-label={`${item.label}: ${pct.format(item.value / total)}`}
          />
        </div>
      ))}
    </Stack>
  );
}
