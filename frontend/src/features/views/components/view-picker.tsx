import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Modal, Select, Stack, TextInput, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ControlView } from '@/lib/api-types';
import { useCreateView, useDeleteView, useViews } from '../api/views';
import { useErrorText } from '@/hooks/use-error-text';
import { ErrorAlert } from '@/components/error-alert';

export interface ViewPickerProps {
  /** The chosen view's id (kept in the URL by the caller). */
  value: string | undefined;
  onChange: (view: ControlView | undefined) => void;
  /** What "Save as view" saves: the list's current filter, sort and columns. */
  current: { filter?: string; sort?: string; columns: string[] };
  /** Saving and deleting need the write permission. */
  canWrite: boolean;
  /** The signed-in user, owner of personal views. */
  userId?: string;
  /** No visible label above the picker (it keeps its accessible name): for a dense toolbar. */
  compact?: boolean;
}

/** Chooses a control view (shared or personal), saves the current list as one, deletes a personal one. */
export function ViewPicker({ value, onChange, current, canWrite, userId, compact }: ViewPickerProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const views = useViews();
  const remove = useDeleteView();
  const [saving, setSaving] = useState(false);
  const list = views.data ?? [];
  const chosen = list.find((v) => v.id === value);
  const personal = (v: ControlView) => !v.shared && !v.standard;
  const deletable = chosen && canWrite && !chosen.standard && (personal(chosen) || (userId && chosen.ownerId === userId));

  const data = [
    { group: t('views.shared'), items: list.filter((v) => !personal(v)).map((v) => ({ value: v.id, label: v.name })) },
    { group: t('views.personal'), items: list.filter(personal).map((v) => ({ value: v.id, label: v.name })) },
  ].filter((g) => g.items.length);

  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <Select
        label={compact ? undefined : t('views.label')}
        aria-label={compact ? t('views.label') : undefined}
        placeholder={compact ? `${t('views.label')} : ${t('views.none')}` : t('views.none')}
        size={compact ? 'xs' : undefined}
        w={260}
        data={data}
        value={chosen ? chosen.id : null}
        clearable
        searchable
        nothingFoundMessage={t('common.none')}
        onChange={(id) => onChange(list.find((v) => v.id === id))}
        error={views.error ? errorText.text(views.error) : undefined}
      />
      {deletable && (
        <Tooltip label={t('views.delete')}>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('views.delete')}
            loading={remove.isPending}
            onClick={() => {
              if (!globalThis.confirm?.(t('views.deleteConfirm', { name: chosen.name }))) return;
              remove.mutate(chosen.id, { onSuccess: () => onChange(undefined) });
            }}
          >
            ✕
          </ActionIcon>
        </Tooltip>
      )}
      {canWrite && (
        <Button variant="default" size={compact ? 'xs' : undefined} onClick={() => setSaving(true)}>
          {t('views.saveAs')}
        </Button>
      )}
      <Modal opened={saving} onClose={() => setSaving(false)} title={t('views.saveTitle')}>
        {saving && (
          <SaveViewForm
            current={current}
            onCancel={() => setSaving(false)}
            onSaved={(view) => {
              setSaving(false);
              onChange(view);
            }}
          />
        )}
      </Modal>
    </Group>
  );
}

function SaveViewForm({ current, onCancel, onSaved }: { current: ViewPickerProps['current']; onCancel: () => void; onSaved: (v: ControlView) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const create = useCreateView();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const nameError = errorText.field(create.error, 'name');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { name: name.trim(), shared, filter: current.filter ?? '', sort: current.sort ?? '', columns: current.columns },
          { onSuccess: onSaved },
        );
      }}
    >
      <Stack gap="sm">
        <TextInput label={t('views.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={nameError} data-autofocus />
        <Checkbox label={t('views.sharedLabel')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
        <ErrorAlert error={!nameError && create.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
