import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Box, Button, Grid, Group, Loader, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useParams } from 'react-router';
import { hasPermission, useMe } from '@/features/auth/api/auth';
import { documentUrl, useClient, usePeppolRegistration, useRefreshPeppol, useUpdateClient, useUploadDocument } from '@/features/clients/api/clients';
import { ClientHistory } from '@/features/clients/components/client-history';
import { ClientStandardFields } from '@/features/clients/components/client-standard-fields';
import { PeppolPanel } from '@/features/clients/components/peppol-panel';
import { useApplySoftware } from '@/features/peppol-changes/api/changes';
import { formatEnterpriseNumber } from '@/features/clients/utils';
import { useCategories } from '@/features/custom-fields/api/get-categories';
import { CustomFieldInput } from '@/features/custom-fields/components/custom-field-input';
import { PeppolInfoEmail } from '@/features/email/components/peppol-info-email';
import { ApiError } from '@/lib/api-error';
import { customFieldLabels } from '@/lib/error-messages';
import { useErrorText } from '@/hooks/use-error-text';
import type { Client, ClientInput, CustomFieldValue, FieldCategory } from '@/lib/api-types';
import { formatFieldValue, labelOf } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { ErrorAlert } from '@/components/error-alert';

/** The client card: standard fields, every custom-field category, the Peppol state; saved with If-Match. */
export function ClientCardRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = currentLanguage();
  const me = useMe().data;
  const canWrite = hasPermission(me, 'write');
  const client = useClient(id);
  const categories = useCategories();
  const update = useUpdateClient(id);
  const refresh = useRefreshPeppol(id);
  const registration = usePeppolRegistration(id);
  const upload = useUploadDocument(id);
  const applySoftware = useApplySoftware();
  const receivingSoftware = categories.data?.flatMap((cat) => cat.fields ?? []).find((f) => f.key === 'peppol_software_receive');
  const fieldLabels = customFieldLabels(categories.data?.flatMap((c) => c.fields ?? []), lang);
  const errorText = useErrorText(fieldLabels);

  const [draft, setDraft] = useState<ClientInput>({});
  const [cfDraft, setCfDraft] = useState<Record<string, CustomFieldValue>>({});
  const [savedAt, setSavedAt] = useState<number | undefined>();
  const dirty = Object.keys(draft).length > 0 || Object.keys(cfDraft).length > 0;
  /** After a conflict reload: what someone else changed meanwhile (labels), the user's own edits kept. */
  const [changedByOthers, setChangedByOthers] = useState<string[] | undefined>();

  // Leaving the card (another page of the app, or the browser's back) with unsaved edits asks first.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    globalThis.addEventListener('beforeunload', warn);
    return () => globalThis.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    setDraft({});
    setCfDraft({});
    setChangedByOthers(undefined);
    update.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    if (!savedAt) return;
    const timer = setTimeout(() => setSavedAt(undefined), 4000);
    return () => clearTimeout(timer);
  }, [savedAt]);

  if (client.isPending) {
    return (
      <Group justify="center" p="xl">
        <Loader />
      </Group>
    );
  }
  if (client.error || !client.data) {
    const notFound = client.error instanceof ApiError && client.error.status === 404;
    return (
      <Alert color="red" title={t('common.error')} role="alert">
        {notFound ? t('client.notFound') : errorText.text(client.error)}
        <div>
          <Anchor component={Link} to="/clients">
            {t('common.back')}
          </Anchor>
        </div>
      </Alert>
    );
  }

  const c = client.data;
  const values = { ...(c.customFields ?? {}), ...cfDraft };
  const error = update.error;
  const conflict = error instanceof ApiError && (error.status === 412 || error.status === 409);
  const errorFor = (field: string) => errorText.field(error, field);

  const save = () => {
    const changes: ClientInput = { ...draft };
    if (Object.keys(cfDraft).length) changes.customFields = cfDraft;
    update.mutate(
      { version: c.version, changes },
      {
        onSuccess: () => {
          setDraft({});
          setCfDraft({});
          setSavedAt(Date.now());
        },
      },
    );
  };

  const reload = () => {
    setDraft({});
    setCfDraft({});
    setChangedByOthers(undefined);
    update.reset();
    void client.refetch();
  };

  /** A stale version: load the latest, keep the user's drafts on top of it, and say what changed meanwhile. */
  const reloadKeepingEdits = async () => {
    const before = c;
    const fresh = await client.refetch();
    update.reset();
    if (fresh.data) setChangedByOthers(changedFields(before, fresh.data, categories.data ?? [], lang, t));
  };

  return (
    <Stack gap="md" maw={1200}>
      <Anchor component={Link} to="/clients" size="sm">
        ← {t('clients.title')}
      </Anchor>
      {/* the page header stays in view under the app's header while the card scrolls: who this is, and Save */}
      <Group
        justify="space-between"
        align="flex-start"
        bg="gray.0"
        py="xs"
        role="region"
        aria-label={t('client.pageHeader')}
        style={{ position: 'sticky', top: 'var(--app-shell-header-offset, 0px)', zIndex: 6 }}
      >
        <div>
          <Group gap="sm">
            <Title order={2}>{c.name}</Title>
            {c.status === 'ARCHIVED' && <Badge color="gray">{t('client.status.ARCHIVED')}</Badge>}
          </Group>
          <Text c="dimmed" size="sm">
            {[c.reference, formatEnterpriseNumber(c.enterpriseNumber), c.vatNumber].filter(Boolean).join(' · ')}
          </Text>
        </div>
        {canWrite && (
          <Group gap="xs">
            {dirty && (
              <Button variant="default" onClick={reload}>
                {t('common.cancel')}
              </Button>
            )}
            <Button onClick={save} disabled={!dirty} loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Group>

      {!canWrite && <Alert color="gray">{t('client.readOnly')}</Alert>}
      {savedAt && !dirty && (
        <Alert color="green" role="status">
          {t('client.saved')}
        </Alert>
      )}
      {error && (
        <Alert color={conflict ? 'orange' : 'red'} title={t('client.saveFailed')} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{conflict ? t('client.conflict') : errorText.text(error)}</Text>
            {conflict && (
              <Group gap="xs">
                <Button size="xs" variant="light" onClick={() => void reloadKeepingEdits()} loading={client.isFetching}>
                  {t('list.card.reloadKeep')}
                </Button>
                <Button size="xs" variant="subtle" onClick={reload}>
                  {t('client.reload')}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}

      {changedByOthers && !error && (
        <Alert color="orange" role="status" withCloseButton onClose={() => setChangedByOthers(undefined)} closeButtonLabel={t('refreshRun.close')}>
          <Stack gap={4}>
            <Text size="sm">{t('list.card.conflictKept')}</Text>
            {changedByOthers.length > 0 && <Text size="sm" fw={600}>{t('list.card.changedByOthers', { fields: changedByOthers.join(', ') })}</Text>}
          </Stack>
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md" radius="md">
            <Title order={4} mb="sm">
              {t('client.standard')}
            </Title>
            <ClientStandardFields
              client={c}
              draft={draft}
              readOnly={!canWrite}
              errorFor={errorFor}
              onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <PeppolPanel
            peppol={c.peppol}
            registration={registration.data}
            onRefresh={canWrite ? () => refresh.mutate() : undefined}
            refreshing={refresh.isPending}
            refreshError={refresh.error ? errorText.text(refresh.error) : undefined}
            declaredSoftware={typeof c.customFields?.peppol_software_receive === 'string' ? c.customFields.peppol_software_receive : undefined}
            softwareName={(key) => labelOf(receivingSoftware?.options?.find((o) => o.key === key)?.labels, lang, key)}
            onApplySoftware={
              canWrite
                ? (software) =>
                    applySoftware.mutate({ clientId: id, software }, { onSuccess: () => void client.refetch() })
                : undefined
            }
            applyingSoftware={applySoftware.isPending}
          />
        </Grid.Col>
      </Grid>

      <ErrorAlert error={categories.error} labelOf={fieldLabels} />
      {(categories.data ?? []).map((category) => (
        <CategorySection
          key={category.key}
          category={category}
          title={labelOf(category.labels, lang, category.key)}
          values={values}
          readOnly={!canWrite}
          errorFor={errorFor}
          onChange={(key, value) => setCfDraft((d) => ({ ...d, [key]: value }))}
          documentUrlFor={(key) => documentUrl(c.id, key)}
          onUpload={(key, file) => upload.mutate({ fieldKey: key, file })}
          uploadingKey={upload.isPending ? upload.variables?.fieldKey : undefined}
          peppolStatus={c.peppol?.status}
          fieldExtra={(key) => (key === 'peppol_ready' ? <PeppolInfoEmail clientId={c.id} canWrite={canWrite} /> : null)}
        />
      ))}
      <ErrorAlert error={upload.error} labelOf={fieldLabels} />

      <ClientHistory
        clientId={c.id}
        fieldLabel={(field) => historyFieldLabel(field, categories.data ?? [], lang, t)}
        formatValue={(field, value) => historyValue(field, value, categories.data ?? [], lang, t)}
      />

      {/* room below the last fields, so the save bar never sits over them once scrolled to the end */}
      {canWrite && dirty && <Box h={SAVE_BAR_SPACE} aria-hidden />}
      {canWrite && dirty && (
        <Paper withBorder p="sm" radius="md" pos="sticky" bottom={8} shadow="md" style={{ zIndex: 5 }} role="region" aria-label={t('client.unsaved')}>
          <Group justify="space-between">
            <Text size="sm">{t('client.unsaved')}</Text>
            <Group gap="xs">
              <Button variant="default" onClick={reload}>
                {t('common.cancel')}
              </Button>
              <Button onClick={save} loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('list.card.leaveTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('list.card.leaveBody')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
              {t('list.card.stay')}
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              {t('list.card.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Height kept free under the fields while the save bar shows (the bar, its margin and some air). */
const SAVE_BAR_SPACE = 72;

const STANDARD_KEYS = ['reference', 'name', 'type', 'legalForm', 'enterpriseNumber', 'vatNumber', 'vatLiable', 'email', 'language', 'status', 'responsibleUserId'] as const;
const ADDRESS_KEYS = ['street', 'postalCode', 'city', 'country'] as const;

/** The labels of the fields whose value differs between two versions of a client. */
export function changedFields(before: Client, after: Client, categories: FieldCategory[], lang: string, t: TFunction): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const out: string[] = [];
  for (const k of STANDARD_KEYS) if (!same(before[k], after[k])) out.push(t(`client.fields.${k}`, { defaultValue: k }));
  for (const k of ADDRESS_KEYS) if (!same(before.address?.[k], after.address?.[k])) out.push(t(`client.fields.${k}`));
  const keys = new Set([...Object.keys(before.customFields ?? {}), ...Object.keys(after.customFields ?? {})]);
  for (const k of keys) {
    if (same(before.customFields?.[k], after.customFields?.[k])) continue;
    const def = categories.flatMap((c) => c.fields).find((f) => f.key === k);
    out.push(def ? labelOf(def.labels, lang, k) : k);
  }
  return out;
}

interface CategorySectionProps {
  category: FieldCategory;
  title: string;
  values: Record<string, CustomFieldValue>;
  readOnly: boolean;
  errorFor: (field: string) => string | undefined;
  onChange: (key: string, value: CustomFieldValue) => void;
  documentUrlFor: (key: string) => string;
  onUpload: (key: string, file: File) => void;
  uploadingKey?: string;
  peppolStatus?: string | null;
  /** Shown under a field (the PEPPOL ready field's info-email action). */
  fieldExtra?: (key: string) => React.ReactNode;
}

function CategorySection({ category, title, values, readOnly, errorFor, onChange, documentUrlFor, onUpload, uploadingKey, peppolStatus, fieldExtra }: CategorySectionProps) {
  if (!category.fields.length) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
        {category.fields.map((field) => (
          <div key={field.key} style={field.type === 'LONG_TEXT' ? { gridColumn: '1 / -1' } : undefined}>
            <CustomFieldInput
              field={field}
              value={values[field.key]}
              readOnly={readOnly}
              error={errorFor(field.key)}
              onChange={(v) => onChange(field.key, v)}
              documentUrl={documentUrlFor(field.key)}
              onUpload={(file) => onUpload(field.key, file)}
              uploading={uploadingKey === field.key}
              formatContext={{ peppolStatus }}
            />
            {fieldExtra?.(field.key)}
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function findField(field: string, categories: FieldCategory[]) {
  if (!field.startsWith('cf.')) return undefined;
  const key = field.slice(3);
  return categories.flatMap((c) => c.fields).find((f) => f.key === key);
}

/** History field names: standard fields by their JSON name, custom fields as cf.<key>, Peppol as peppol.*. */
function historyFieldLabel(field: string, categories: FieldCategory[], lang: string, t: TFunction): string {
  if (field === 'peppol.status') return t('history.peppolStatus');
  if (field === 'peppol.accessPoint') return t('history.peppolAccessPoint');
  const def = findField(field, categories);
  if (def) return labelOf(def.labels, lang, def.key);
  const name = field.startsWith('address.') ? field.slice(8) : field;
  return t(`client.fields.${name}`, { defaultValue: field });
}

function historyValue(field: string, value: unknown, categories: FieldCategory[], lang: string, t: TFunction): string {
  const def = findField(field, categories);
  if (def) return formatFieldValue(def, value as CustomFieldValue, lang, t, { peppolStatus: 'known' });
  if (field === 'peppol.status' && typeof value === 'string') return t(`peppol.statuses.${value}`, { defaultValue: value });
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (field === 'type' && typeof value === 'string') return t(`client.type.${value}`, { defaultValue: value });
  if (field === 'status' && typeof value === 'string') return t(`client.status.${value}`, { defaultValue: value });
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
