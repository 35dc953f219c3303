import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { labelOf } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import {
  useCreateCategory,
  useCreateField,
  useDeleteCategory,
  useDeleteField,
  useUpdateCategory,
  useUpdateField,
  type Category,
  type Field,
  type FieldType,
  type Labels,
} from '../api/settings';
import { filledLabels, keyFromLabel, LabelsInputs, RowActions, swappedPositions } from './option-editor';
import { ErrorAlert } from '@/components/error-alert';

/** The types an admin may give a field (SYSTEM fields are the application's own). */
export const FIELD_TYPES: FieldType[] = ['TEXT', 'LONG_TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'SELECT', 'MULTI_SELECT', 'DOCUMENT'];

const byPosition = <T extends { position: number }>(items: T[]) => [...items].sort((a, b) => a.position - b.position);
const nextPosition = (sorted: { position: number }[]) => (sorted.length ? sorted[sorted.length - 1].position + 1 : 0);

/** Rename inline: the labels in fr/nl/en, then save or cancel. */
function RenameRow({ prefix, labels, saving, onSave, onCancel }: { prefix: string; labels: Labels; saving: boolean; onSave: (l: Labels) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<Labels>({ ...labels });
  return (
    <Group gap="xs" wrap="nowrap" align="flex-end">
      <LabelsInputs prefix={prefix} value={value} onChange={setValue} />
      <Button size="xs" loading={saving} disabled={!value.fr?.trim()} onClick={() => onSave(filledLabels(value))}>
        {t('common.save')}
      </Button>
      <Button size="xs" variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}

/**
 * Paramètres › Champs personnalisés: the categories (order, labels fr/nl/en, « Afficher dans l'écran Voir tous les
 * clients »), and the fields of the chosen one (type, labels, required, order). Every change goes through the
 * custom-field API with If-Match, and the card, the list and the bulk edit read the definitions again at once.
 */
export function CategoryEditor({ categories }: { categories: Category[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const [newLabels, setNewLabels] = useState<Labels>({});
  const [newShown, setNewShown] = useState(true);
  const [editing, setEditing] = useState<string | undefined>();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const sorted = byPosition(categories);
  const name = (c: Category) => labelOf(c.labels, lang, c.key);
  const chosen = sorted.find((c) => c.id === chosenId) ?? sorted[0];

  const add = () => {
    const labels = filledLabels(newLabels);
    create.mutate(
      { key: keyFromLabel(labels.fr ?? ''), labels, position: nextPosition(sorted), showInClientList: newShown },
      {
        onSuccess: (created) => {
          setNewLabels({});
          setChosenId(created.id);
        },
      },
    );
  };

  const move = (index: number, by: -1 | 1) => {
    const swap = swappedPositions(sorted, index, by);
    if (!swap) return;
    const [[a, pa], [b, pb]] = swap;
    update.mutate({ category: a, changes: { position: pa } }, { onSuccess: () => update.mutate({ category: b, changes: { position: pb } }) });
  };

  const failure = [create.error, update.error, remove.error].find(Boolean);

  return (
    <Stack gap="sm">
      <Title order={3}>{t('settings.categories')}</Title>
      <Table withTableBorder verticalSpacing={4} aria-label={t('settings.categories')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.category')}</Table.Th>
            <Table.Th>{t('settings.key')}</Table.Th>
            <Table.Th>{t('settings.showInList')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((c, i) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                {editing === c.id ? (
                  <RenameRow
                    prefix={name(c)}
                    labels={c.labels}
                    saving={update.isPending}
                    onSave={(labels) => update.mutate({ category: c, changes: { labels } }, { onSuccess: () => setEditing(undefined) })}
                    onCancel={() => setEditing(undefined)}
                  />
                ) : (
                  <Text size="sm">{name(c)}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {c.key}
                </Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t('settings.showInListOf', { category: name(c) })}
                  checked={c.showInClientList}
                  onChange={(e) => update.mutate({ category: c, changes: { showInClientList: e.currentTarget.checked } })}
                />
              </Table.Td>
              <Table.Td>
                <RowActions
                  name={name(c)}
                  first={i === 0}
                  last={i === sorted.length - 1}
                  onMove={(by) => move(i, by)}
                  onRename={() => setEditing(c.id)}
                  onDelete={() => remove.mutate(c)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={failure} />
      <Group align="flex-end" wrap="nowrap">
        <LabelsInputs prefix={t('settings.newCategory')} value={newLabels} onChange={setNewLabels} />
        <Checkbox label={t('settings.showInList')} checked={newShown} onChange={(e) => setNewShown(e.currentTarget.checked)} mb={6} />
        <Button onClick={add} disabled={!newLabels.fr?.trim()} loading={create.isPending} style={{ flexShrink: 0 }}>
          {t('settings.addCategory')}
        </Button>
      </Group>

      {chosen && (
        <>
          <Title order={3} mt="md">
            {t('settings.fields')}
          </Title>
          <Select
            label={t('settings.fieldsOf')}
            data={sorted.map((c) => ({ value: c.id, label: name(c) }))}
            value={chosen.id}
            onChange={(v) => setChosenId(v)}
            allowDeselect={false}
            maw={480}
          />
          <FieldEditor key={chosen.id} category={chosen} />
        </>
      )}
    </Stack>
  );
}

/** The fields of one category: add (labels, type, required), rename, change type or required, reorder, delete. */
export function FieldEditor({ category }: { category: Category }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const create = useCreateField();
  const update = useUpdateField();
  const remove = useDeleteField();
  const [newLabels, setNewLabels] = useState<Labels>({});
  const [newType, setNewType] = useState<FieldType>('TEXT');
  const [newRequired, setNewRequired] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const sorted = byPosition(category.fields ?? []);
  const name = (f: Field) => labelOf(f.labels, lang, f.key);
  const typeChoices = FIELD_TYPES.map((type) => ({ value: type, label: t(`settings.fieldType.${type}`) }));

  const add = () => {
    const labels = filledLabels(newLabels);
    create.mutate(
      { categoryId: category.id, key: keyFromLabel(labels.fr ?? ''), labels, type: newType, required: newRequired, position: nextPosition(sorted) },
      {
        onSuccess: () => {
          setNewLabels({});
          setNewRequired(false);
        },
      },
    );
  };

  const move = (index: number, by: -1 | 1) => {
    const swap = swappedPositions(sorted, index, by);
    if (!swap) return;
    const [[a, pa], [b, pb]] = swap;
    update.mutate({ field: a, changes: { position: pa } }, { onSuccess: () => update.mutate({ field: b, changes: { position: pb } }) });
  };

  const failure = [create.error, update.error, remove.error].find(Boolean);

  return (
    <Stack gap="sm">
      <Table withTableBorder verticalSpacing={4} aria-label={t('settings.fieldsOfCategory', { category: labelOf(category.labels, lang, category.key) })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.field')}</Table.Th>
            <Table.Th>{t('settings.key')}</Table.Th>
            <Table.Th>{t('settings.type')}</Table.Th>
            <Table.Th>{t('settings.required')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" c="dimmed">
                  {t('settings.noFields')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {sorted.map((f, i) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                {editing === f.id ? (
                  <RenameRow
                    prefix={name(f)}
                    labels={f.labels}
                    saving={update.isPending}
                    onSave={(labels) => update.mutate({ field: f, changes: { labels } }, { onSuccess: () => setEditing(undefined) })}
                    onCancel={() => setEditing(undefined)}
                  />
                ) : (
                  <Group gap="xs">
                    <Text size="sm">{name(f)}</Text>
                    {f.optionSourceFieldId && <Badge color="gray">{t('settings.sharedOptions')}</Badge>}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {f.key}
                </Text>
              </Table.Td>
              <Table.Td>
                {f.type === 'SYSTEM' ? (
                  <Text size="sm">{t('settings.fieldType.SYSTEM')}</Text>
                ) : (
                  <Select
                    size="xs"
                    aria-label={t('settings.typeOf', { field: name(f) })}
                    data={typeChoices}
                    value={f.type}
                    allowDeselect={false}
                    onChange={(v) => v && v !== f.type && update.mutate({ field: f, changes: { type: v as FieldType } })}
                    w={190}
                  />
                )}
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t('settings.requiredOf', { field: name(f) })}
                  checked={f.required}
                  disabled={f.type === 'SYSTEM'}
                  onChange={(e) => update.mutate({ field: f, changes: { required: e.currentTarget.checked } })}
                />
              </Table.Td>
              <Table.Td>
                <RowActions
                  name={name(f)}
                  first={i === 0}
                  last={i === sorted.length - 1}
                  onMove={(by) => move(i, by)}
                  onRename={() => setEditing(f.id)}
                  onDelete={() => remove.mutate(f)}
                  deleteDisabled={f.type === 'SYSTEM'}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={failure} />
      <Group align="flex-end" wrap="nowrap">
        <LabelsInputs prefix={t('settings.newField')} value={newLabels} onChange={setNewLabels} />
        <Select
          label={t('settings.type')}
          aria-label={t('settings.newFieldType')}
          data={typeChoices}
          value={newType}
          allowDeselect={false}
          onChange={(v) => v && setNewType(v as FieldType)}
          w={190}
          size="xs"
        />
        <Checkbox label={t('settings.required')} checked={newRequired} onChange={(e) => setNewRequired(e.currentTarget.checked)} mb={6} />
        <Button onClick={add} disabled={!newLabels.fr?.trim()} loading={create.isPending} style={{ flexShrink: 0 }}>
          {t('settings.addField')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('settings.optionsHint')}
      </Text>
    </Stack>
  );
}
