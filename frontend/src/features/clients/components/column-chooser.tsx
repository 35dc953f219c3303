import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface ColumnOption {
  value: string;
  label: string;
}

export interface ColumnChooserProps {
  /** Every column the list can show. */
  available: ColumnOption[];
  /** The columns shown, in order. */
  columns: string[];
  /** What "reset" goes back to. */
  defaults: string[];
  onChange: (columns: string[]) => void;
}

/** Always shown, always first: the row's link to the card. */
const FIXED = 'name';

/** A button opening the chooser: tick columns, move them up or down; applied on "Apply". */
export function ColumnChooser(props: ColumnChooserProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" size="compact-sm" onClick={() => setOpen(true)}>
        {t('list.columns.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('list.columns.title')} size="md">
        {open && (
          <ColumnChooserForm
            {...props}
            onCancel={() => setOpen(false)}
            onChange={(columns) => {
              setOpen(false);
              props.onChange(columns);
            }}
          />
        )}
      </Modal>
    </>
  );
}

export function ColumnChooserForm({ available, columns, defaults, onChange, onCancel }: ColumnChooserProps & { onCancel: () => void }) {
  const { t } = useTranslation();
  const known = (c: string) => available.some((a) => a.value === c);
  const [chosen, setChosen] = useState<string[]>(() => [FIXED, ...columns.filter((c) => c !== FIXED && known(c))]);
  const [search, setSearch] = useState('');
  const labelOf = (c: string) => available.find((a) => a.value === c)?.label ?? c;
  const q = search.trim().toLowerCase();
  const others = available.filter((a) => !chosen.includes(a.value) && (!q || a.label.toLowerCase().includes(q)));

  const move = (i: number, by: number) =>
    setChosen((list) => {
      const next = [...list];
      const j = i + by;
      if (j < 1 || j >= next.length) return list;
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });

  return (
    <Stack gap="sm">
      <Text size="sm" fw={600} id="columns-shown">
        {t('list.columns.shown')}
      </Text>
      <Stack gap={4} role="list" aria-labelledby="columns-shown">
        {chosen.map((c, i) => {
          const label = labelOf(c);
          return (
            <Group key={c} justify="space-between" wrap="nowrap" role="listitem" aria-label={label}>
              <Checkbox
                label={label}
                checked
                disabled={c === FIXED}
                onChange={() => setChosen((list) => list.filter((x) => x !== c))}
              />
              {c !== FIXED && (
                <Group gap={2} wrap="nowrap">
                  <ActionIcon variant="subtle" size="sm" aria-label={t('list.columns.up', { column: label })} disabled={i <= 1} onClick={() => move(i, -1)}>
                    ↑
                  </ActionIcon>
                  <ActionIcon variant="subtle" size="sm" aria-label={t('list.columns.down', { column: label })} disabled={i === chosen.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </ActionIcon>
                </Group>
              )}
            </Group>
          );
        })}
      </Stack>
      <Text size="sm" fw={600} mt="xs" id="columns-hidden">
        {t('list.columns.hidden')}
      </Text>
      <TextInput size="xs" aria-label={t('list.columns.search')} placeholder={t('list.columns.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      <ScrollArea.Autosize mah={220}>
        <Stack gap={4} role="list" aria-labelledby="columns-hidden">
          {others.map((a) => (
            <div key={a.value} role="listitem">
              <Checkbox label={a.label} checked={false} onChange={() => setChosen((list) => [...list, a.value])} />
            </div>
          ))}
        </Stack>
      </ScrollArea.Autosize>
      <Group justify="space-between">
        <Button variant="subtle" size="xs" onClick={() => setChosen([FIXED, ...defaults.filter((c) => c !== FIXED)])}>
          {t('list.columns.reset')}
        </Button>
        <Group gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => onChange(chosen)}>{t('list.columns.apply')}</Button>
        </Group>
      </Group>
    </Stack>
  );
}
