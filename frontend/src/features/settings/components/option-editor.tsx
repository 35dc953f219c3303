import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-error';
import { labelOf } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { useCreateOption, useDeleteOption, useUpdateOption, type FieldOption, type Labels } from '../api/settings';
import { ErrorAlert } from '@/components/error-alert';

const LANGS = ['fr', 'nl', 'en'] as const;

/**
 * Moving the item at `index` of a position-sorted list up (-1) or down (+1): the two items and their new positions
 * (the pair's positions swapped, distinct values even when the stored ones are equal); undefined at either end.
 */
export function swappedPositions<T extends { position: number }>(sorted: T[], index: number, by: -1 | 1): [[T, number], [T, number]] | undefined {
  const a = sorted[index];
  const b = sorted[index + by];
  if (!a || !b) return undefined;
  const [pa, pb] = a.position === b.position ? [b.position + by, a.position] : [b.position, a.position];
  return [[a, pa], [b, pb]];
}

/** Labels without the empty ones (the API refuses an empty label). */
export function filledLabels(labels: Labels): Labels {
  return Object.fromEntries(Object.entries(labels).filter(([, v]) => v.trim()));
}

/** A key from a French label: lower-case letters, digits and _, starting with a letter (the API's key rule). */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return /^[a-z]/.test(key) ? key : `o_${key}`;
}

/** The actions of one row of a definitions table: move up, move down, rename, delete (each named after the row). */
export function RowActions({ name, first, last, onMove, onRename, onDelete, renameNamed = true, deleteDisabled }: {
  name: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onRename: () => void;
  onDelete: () => void;
  /** false: the rename button is named "Renommer" alone (the row names what it renames) */
  renameNamed?: boolean;
  deleteDisabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon variant="default" aria-label={t('settings.moveUp', { option: name })} disabled={first} onClick={() => onMove(-1)}>
        ↑
      </ActionIcon>
      <ActionIcon variant="default" aria-label={t('settings.moveDown', { option: name })} disabled={last} onClick={() => onMove(1)}>
        ↓
      </ActionIcon>
      <Button size="xs" variant="default" onClick={onRename} aria-label={renameNamed ? t('settings.renameOf', { item: name }) : undefined}>
        {t('settings.rename')}
      </Button>
      <Button size="xs" variant="default" color="red" disabled={deleteDisabled} onClick={onDelete} aria-label={t('settings.deleteOption', { option: name })}>
        {t('settings.delete')}
      </Button>
    </Group>
  );
}

/** The labels of a definition in fr (required), nl and en, each input named after `prefix`. */
export function LabelsInputs({ value, onChange, prefix }: { value: Labels; onChange: (v: Labels) => void; prefix: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" grow wrap="nowrap">
      {LANGS.map((l) => (
        <TextInput
          key={l}
          size="xs"
          label={t('settings.labelIn', { language: l.toUpperCase() })}
          aria-label={`${prefix} ${t('settings.labelIn', { language: l.toUpperCase() })}`}
          value={value[l] ?? ''}
          required={l === 'fr'}
          onChange={(e) => onChange({ ...value, [l]: e.currentTarget.value })}
        />
      ))}
    </Group>
  );
}

/**
 * The options of one dropdown field: add (labels fr/nl/en), rename, reorder, deactivate, delete — an option still used
 * by clients is deleted only with a replacement, which those clients get (the API's `replaceWith`).
 */
export function OptionEditor({ fieldId, options }: { fieldId: string; options: FieldOption[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const create = useCreateOption(fieldId);
  const update = useUpdateOption(fieldId);
  const remove = useDeleteOption(fieldId);
  const [newLabels, setNewLabels] = useState<Labels>({});
  const [editing, setEditing] = useState<{ id: string; labels: Labels } | undefined>();
  const [deleting, setDeleting] = useState<{ option: FieldOption; replaceWith: string | null } | undefined>();
  const sorted = [...options].sort((a, b) => a.position - b.position);
  const name = (o: FieldOption) => labelOf(o.labels, lang, o.key);

  const add = () => {
    const labels = filledLabels(newLabels);
    const last = sorted.length ? sorted[sorted.length - 1].position : -1;
    create.mutate({ key: keyFromLabel(labels.fr ?? ''), labels, position: last + 1 }, { onSuccess: () => setNewLabels({}) });
  };

  const move = (index: number, by: -1 | 1) => {
    const swap = swappedPositions(sorted, index, by);
    if (!swap) return;
    const [[a, pa], [b, pb]] = swap;
    update.mutate({ option: a, changes: { position: pa } }, { onSuccess: () => update.mutate({ option: b, changes: { position: pb } }) });
  };

  const startDelete = (option: FieldOption) => {
    remove.mutate(
      { option },
      {
        onError: (e) => {
          // used by clients: ask which option they get instead
          if (e instanceof ApiError && e.problem.errors?.some((x) => x.code === 'option.in_use')) setDeleting({ option, replaceWith: null });
        },
      },
    );
  };

  const inUse = deleting && remove.error instanceof ApiError ? remove.error.problem.errors?.find((x) => x.code === 'option.in_use') : undefined;
  const failure = [create.error, update.error, deleting ? undefined : remove.error].find(Boolean);

  return (
    <Stack gap="sm">
      <Table withTableBorder verticalSpacing={4} aria-label={t('settings.options')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.option')}</Table.Th>
            <Table.Th>{t('settings.key')}</Table.Th>
            <Table.Th>{t('settings.active')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((o, i) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                {editing?.id === o.id ? (
                  <Group gap="xs" wrap="nowrap" align="flex-end">
                    <LabelsInputs prefix={name(o)} value={editing.labels} onChange={(labels) => setEditing({ id: o.id, labels })} />
                    <Button
                      size="xs"
                      loading={update.isPending}
                      onClick={() => update.mutate({ option: o, changes: { labels: editing.labels } }, { onSuccess: () => setEditing(undefined) })}
                    >
                      {t('common.save')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setEditing(undefined)}>
                      {t('common.cancel')}
                    </Button>
                  </Group>
                ) : (
                  <Group gap="xs">
                    <Text size="sm">{name(o)}</Text>
                    {!o.active && <Badge color="gray">{t('settings.inactive')}</Badge>}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {o.key}
                </Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t('settings.activeOf', { option: name(o) })}
                  checked={o.active}
                  onChange={(e) => update.mutate({ option: o, changes: { active: e.currentTarget.checked } })}
                />
              </Table.Td>
              <Table.Td>
                <RowActions
                  name={name(o)}
                  first={i === 0}
                  last={i === sorted.length - 1}
                  onMove={(by) => move(i, by)}
                  onRename={() => setEditing({ id: o.id, labels: { ...o.labels } })}
                  onDelete={() => startDelete(o)}
                  renameNamed={false}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {deleting && inUse && (
        <Alert color="orange" role="alert" title={t('settings.replaceTitle', { option: name(deleting.option) })}>
          <Stack gap="xs">
            <Text size="sm">{t('settings.replaceExplain', { count: Number(inUse.params?.count ?? 0) })}</Text>
            <Group align="flex-end">
              <Select
                label={t('settings.replaceWith')}
                data={sorted.filter((o) => o.active && o.id !== deleting.option.id).map((o) => ({ value: o.key, label: name(o) }))}
                value={deleting.replaceWith}
                onChange={(v) => setDeleting({ ...deleting, replaceWith: v })}
              />
              <Button
                color="red"
                disabled={!deleting.replaceWith}
                loading={remove.isPending}
                onClick={() =>
                  remove.mutate({ option: deleting.option, replaceWith: deleting.replaceWith ?? undefined }, { onSuccess: () => setDeleting(undefined) })
                }
              >
                {t('settings.deleteAndReplace')}
              </Button>
              <Button variant="default" onClick={() => setDeleting(undefined)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <ErrorAlert error={failure} />

      <Group align="flex-end" wrap="nowrap">
        <LabelsInputs prefix={t('settings.newOption')} value={newLabels} onChange={setNewLabels} />
        <Button onClick={add} disabled={!newLabels.fr?.trim()} loading={create.isPending} style={{ flexShrink: 0 }}>
          {t('settings.addOption')}
        </Button>
      </Group>
    </Stack>
  );
}
