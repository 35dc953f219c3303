import { Alert, Anchor, Button, FileInput, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClientImport } from '@/features/clients/api/client-import';
import { useStandardFields } from '@/features/clients/api/standard-fields';
import { ImportMappingStep, ImportPreview } from '@/features/clients/components/client-import';
import {
  canMatch,
  duplicateFields,
  guessedMapping,
  importTargets,
  type ImportColumn,
  type ImportMapping,
  type ImportResult,
} from '@/features/clients/import-mapping';
import { useCategories } from '@/features/custom-fields/api/get-categories';
import { ErrorAlert } from '@/components/error-alert';

/** Upload → column mapping → preview → apply (POST /api/clients/import, dry runs until the last step). */
export function ClientImportPage() {
  const { t, i18n } = useTranslation();
  const standard = useStandardFields();
  const categories = useCategories();
  const run = useClientImport();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [columns, setColumns] = useState<ImportColumn[]>([]);
  const [preview, setPreview] = useState<ImportResult>();
  const [applied, setApplied] = useState<ImportResult>();
  const targets = useMemo(
    () => importTargets(standard.data ?? [], categories.data ?? [], i18n.language),
    [standard.data, categories.data, i18n.language],
  );

  const upload = () => {
    if (!file) return;
    run.mutate({ file, dryRun: true }, {
      onSuccess: (result) => {
        setColumns(result.columns);
        setMapping(guessedMapping(result.columns));
        setStep(1);
      },
    });
  };
  const check = () => {
    if (!file) return;
    run.mutate({ file, mapping, dryRun: true }, {
      onSuccess: (result) => {
        setPreview(result);
        setStep(2);
      },
    });
  };
  const apply = () => {
    if (!file) return;
    run.mutate({ file, mapping, dryRun: false }, {
      onSuccess: (result) => {
        if (result.importId) {
          setApplied(result);
          setStep(3);
        } else setPreview(result);
      },
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('clientImport.title')}</Title>
        <Anchor component={Link} to="/clients">{t('clientImport.back')}</Anchor>
      </Group>
      <ErrorAlert error={run.error} />
      <Stepper active={step} onStepClick={(s) => s < step && step < 3 && setStep(s)}>
        <Stepper.Step label={t('clientImport.stepUpload')}>
          <Stack gap="sm" maw={520}>
            <Text size="sm">{t('clientImport.uploadHelp')}</Text>
            <FileInput
              label={t('clientImport.file')}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={setFile}
              clearable
            />
            <Group>
              <Button onClick={upload} disabled={!file} loading={run.isPending}>
                {t('clientImport.next')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('clientImport.stepMapping')}>
          <Stack gap="sm">
            <ImportMappingStep columns={columns} mapping={mapping} targets={targets} onChange={setMapping} />
            <Group>
              <Button
                onClick={check}
                disabled={!canMatch(mapping) || duplicateFields(mapping).length > 0}
                loading={run.isPending}
              >
                {t('clientImport.preview')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('clientImport.stepPreview')}>
          {preview && (
            <Stack gap="sm">
              <ImportPreview result={preview} />
              {preview.errors.length > 0 && (
                <Alert color="red" role="alert">
                  {t('clientImport.fixFirst')}
                </Alert>
              )}
              <Group>
                <Button
                  onClick={apply}
                  disabled={preview.errors.length > 0 || preview.created + preview.changed === 0}
                  loading={run.isPending}
                >
                  {t('clientImport.apply')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Completed>
          {applied && (
            <Alert color="green" role="status">
              {t('clientImport.done', { created: applied.created, changed: applied.changed })}
            </Alert>
          )}
        </Stepper.Completed>
      </Stepper>
    </Stack>
  );
}
