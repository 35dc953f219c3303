import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, CloseButton, Group, Modal, MultiSelect, NumberInput, Radio, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { labelOf, optionLabel } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { combine, isComplete, operatorsFor, parseRsql, type Condition, type FilterField, type Operator } from '../filter/filter-model';
import { wrappingBadgeStyles } from '@/lib/badge-styles';

/** The label of a field's code or option key, in the user's language. */
export function valueLabel(field: FilterField | undefined, value: string, lang: string, t: TFunction): string {
  if (!field) return value;
  if (field.custom) {
    if (field.kind === 'BOOLEAN') return value === 'true' ? t('common.yes') : value === 'false' ? t('common.no') : value;
    return field.custom.options?.length ? optionLabel(field.custom, value, lang) : value;
  }
  if (field.kind === 'BOOLEAN') return value === 'true' ? t('common.yes') : value === 'false' ? t('common.no') : value;
  switch (field.selector) {
    case 'type':
      return t(`client.type.${value}`, { defaultValue: value });
    case 'status':
      return t(`client.status.${value}`, { defaultValue: value });
    case 'language':
      return t(`language.${value}`, { defaultValue: value });
    case 'peppol.status':
      return t(`peppol.statuses.${value}`, { defaultValue: value });
  }
  return value;
}

/** A condition as one line: "VAT liable = Yes", "Enterprise number: filled in". */
export function conditionText(c: Condition, field: FilterField | undefined, lang: string, t: TFunction): string {
  const label = field ? labelOf(field.labels, lang, c.selector) : c.selector;
  const v = (x: string) => valueLabel(field, x, lang, t);
  const [from = '', to = ''] = c.values;
  switch (c.op) {
    case 'between':
      if (from && to) return t('list.filter.chip.between', { field: label, from, to });
      return from ? t('list.filter.chip.from', { field: label, from }) : t('list.filter.chip.to', { field: label, to });
    case 'in':
      return t('list.filter.chip.in', { field: label, value: c.values.map(v).join(t('list.filter.or')) });
    case 'isEmpty':
    case 'isNotEmpty':
      return t(`list.filter.chip.${c.op}`, { field: label });
    default:
      return t(`list.filter.chip.${c.op}`, { field: label, value: v(from) });
  }
}

export interface FilterBuilderProps {
  /** Every field a filter may name. */
  fields: FilterField[];
  /** The RSQL filter (the URL's or the view's). */
  filter: string | undefined;
  onChange: (filter: string | undefined) => void;
}

/**
 * The active filter as removable chips and a dialog that adds a condition: a field (standard or custom), an operator
 * that fits it, and a typed value. A filter the builder cannot split into conditions (an "or") stays one chip.
 */
export function FilterBuilder({ fields, filter, onChange }: FilterBuilderProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [adding, setAdding] = useState(false);
  const parsed = useMemo(() => parseRsql(filter, fields), [filter, fields]);
  const fieldOf = (s: string) => fields.find((f) => f.selector === s);
  const set = (conditions: Condition[], rest: string | undefined) => onChange(combine(conditions, rest, fields));

  return (
    <Group gap={6} wrap="wrap" align="center">
      <Group gap={6} wrap="wrap" role="list" aria-label={t('list.filter.active')}>
        {parsed.rest && (
          <Chip
            text={`${t('list.filter.advanced')}: ${parsed.rest}`}
            removeLabel={t('list.filter.removeNamed', { name: t('list.filter.advanced') })}
            onRemove={() => set(parsed.conditions, undefined)}
          />
        )}
        {parsed.conditions.map((c, i) => {
          const text = conditionText(c, fieldOf(c.selector), lang, t);
          return (
            <Chip
              key={`${c.selector}-${i}`}
              text={text}
              removeLabel={t('list.filter.removeNamed', { name: text })}
              onRemove={() => set(parsed.conditions.filter((_, j) => j !== i), parsed.rest)}
            />
          );
        })}
      </Group>
      <Button size="compact-sm" variant="light" onClick={() => setAdding(true)} disabled={!fields.length}>
        + {t('list.filter.add')}
      </Button>
      {(parsed.conditions.length > 0 || parsed.rest) && (
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => onChange(undefined)}>
          {t('list.filter.clear')}
        </Anchor>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('list.filter.add')} size="md">
        {adding && (
          <ConditionEditor
            fields={fields}
            onCancel={() => setAdding(false)}
            onAdd={(c) => {
              setAdding(false);
              set([...parsed.conditions, c], parsed.rest);
            }}
          />
        )}
      </Modal>
    </Group>
  );
}

/** One condition: its text and a remove button that the keyboard reaches. */
function Chip({ text, removeLabel, onRemove }: { text: string; removeLabel: string; onRemove: () => void }) {
  return (
    <Badge
      role="listitem"
      variant="light"
      size="lg"
      radius="sm"
      tt="none"
      fw={500}
      // the filter area beside the list's actions is narrow: a long condition wraps, whole, rather than being cut off
      styles={{ root: wrappingBadgeStyles.root, label: { ...wrappingBadgeStyles.label, textAlign: 'left' } }}
      title={text}
      rightSection={<CloseButton size="xs" variant="transparent" aria-label={removeLabel} onClick={onRemove} />}
    >
      {text}
    </Badge>
  );
}

/** Groups the field picker: the client's own data first, then each custom-field category. */
function fieldOptions(fields: FilterField[], lang: string, t: TFunction) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const f of fields) {
    const group = f.group ? labelOf(f.group, lang) : t('client.standard');
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push({ value: f.selector, label: labelOf(f.labels, lang, f.selector) });
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

export function ConditionEditor({ fields, onAdd, onCancel }: { fields: FilterField[]; onAdd: (c: Condition) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [selector, setSelector] = useState<string | null>(null);
  const [op, setOp] = useState<Operator | null>(null);
  const [values, setValues] = useState<string[]>([]);
  const field = fields.find((f) => f.selector === selector);
  const ops = field ? operatorsFor(field.kind) : [];
  const condition: Condition | undefined = field && op ? { selector: field.selector, op, values } : undefined;
  const complete = !!condition && isComplete(condition);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (condition && complete) onAdd(condition);
      }}
    >
      <Stack gap="sm">
        <Select
          label={t('list.filter.field')}
          placeholder={t('field.selectPlaceholder')}
          data={fieldOptions(fields, lang, t)}
          value={selector}
          searchable
          maxDropdownHeight={280}
          nothingFoundMessage={t('common.none')}
          onChange={(s) => {
            const next = fields.find((f) => f.selector === s);
            setSelector(s);
            setOp(next ? operatorsFor(next.kind)[0] : null);
            setValues([]);
          }}
          data-autofocus
        />
        {field && (
          <Select
            label={t('list.filter.operator')}
            data={ops.map((o) => ({ value: o, label: t(`list.filter.ops.${o}`) }))}
            value={op}
            allowDeselect={false}
            onChange={(o) => {
              setOp(o as Operator);
              setValues([]);
            }}
          />
        )}
        {field && op && <ValueInput field={field} op={op} values={values} onChange={setValues} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!complete}>
            {t('list.filter.apply')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The value input that fits the field's kind and the operator: options, yes/no, numbers, dates or text. */
function ValueInput({ field, op, values, onChange }: { field: FilterField; op: Operator; values: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (op === 'isEmpty' || op === 'isNotEmpty') return null;
  const label = t('list.filter.value');
  const one = values[0] ?? '';
  const options = field.values.map((v) => ({ value: v, label: valueLabel(field, v, lang, t) }));

  if (field.kind === 'BOOLEAN') {
    return (
      <Radio.Group label={label} value={one} onChange={(v) => onChange([v])}>
        <Group mt={4} gap="lg">
          <Radio value="true" label={t('common.yes')} />
          <Radio value="false" label={t('common.no')} />
        </Group>
      </Radio.Group>
    );
  }
  if (field.kind === 'CODE' || field.kind === 'MULTI') {
    if (op === 'in') {
      return <MultiSelect label={t('list.filter.values')} data={options} value={values} onChange={onChange} searchable maxDropdownHeight={240} />;
    }
    return <Select label={label} data={options} value={one || null} onChange={(v) => onChange(v ? [v] : [])} searchable maxDropdownHeight={240} />;
  }
  if (op === 'in') {
    return <TagsInput label={t('list.filter.values')} description={t('list.filter.valuesHint')} value={values} onChange={onChange} />;
  }
  if (op === 'between') {
    const [from = '', to = ''] = values;
    const set = (i: number, v: string) => onChange(i === 0 ? [v, to] : [from, v]);
    if (field.kind === 'NUMBER') {
      return (
        <Group grow>
          <NumberInput label={t('list.filter.from')} value={from} onChange={(v) => set(0, String(v))} decimalSeparator="," />
          <NumberInput label={t('list.filter.to')} value={to} onChange={(v) => set(1, String(v))} decimalSeparator="," />
        </Group>
      );
    }
    return (
      <Group grow>
        <TextInput type="date" label={t('list.filter.from')} value={from} onChange={(e) => set(0, e.currentTarget.value)} />
        <TextInput type="date" label={t('list.filter.to')} value={to} onChange={(e) => set(1, e.currentTarget.value)} />
      </Group>
    );
  }
  if (field.kind === 'NUMBER') {
    return <NumberInput label={label} value={one} onChange={(v) => onChange([String(v)])} decimalSeparator="," />;
  }
  if (field.kind === 'DATE') {
    return <TextInput type="date" label={label} value={one} onChange={(e) => onChange([e.currentTarget.value])} />;
  }
  return (
    <Stack gap={2}>
      <TextInput label={label} value={one} onChange={(e) => onChange([e.currentTarget.value])} />
      {field.kind === 'UUID' && (
        <Text size="xs" c="dimmed">
          {t('list.filter.idHint')}
        </Text>
      )}
    </Stack>
  );
}
