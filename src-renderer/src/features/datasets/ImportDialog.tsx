import { useEffect, useId, useState } from 'react'
import type { ImportReport } from '@api/dto'
import { progressPercent } from '../../lib/format'
import { useDatasets, useStores } from '../../stores/hooks'
import { selectImporting } from '../../stores/datasets/selectors'
import { datasetNameFromFile } from '../../lib/file-decoding'
import { Dialog } from '../../components/Dialog'
import { ImportColumnPickers } from './ImportColumnPickers'
import { ImportPreviewTable } from './ImportPreviewTable'
import { ImportReadOptions } from './ImportReadOptions'
import { ImportReportView } from './ImportReportView'
import { ImportTargetFields, NEW_DATASET, type ImportTarget } from './ImportTargetFields'
import { DEFAULT_CHOICE, isTable, optionsOf, type ReadChoice } from './import-choices'
import { useTaskResult } from '../../lib/use-task-result'
import { ProgressBar } from '../../components/ProgressBar'
import { Button } from '../../components/Button'

/** A failed import stopped at a bad row (details carry its kind): offer to skip such rows. */
const stoppedAtBadRow = (details: unknown) =>
  typeof details === 'object' && details !== null && 'kind' in details

export function ImportDialog({
  onClose,
  initialDatasetId,
}: {
  onClose: () => void
  initialDatasetId: string | null
}) {
  const { datasets: store } = useStores()
  const { targets, upload, preview, previewError, taskId, busy } = useDatasets(selectImporting)
  const fileId = useId()
  const [choice, setChoice] = useState<ReadChoice>(DEFAULT_CHOICE)
  const [target, setTarget] = useState<ImportTarget>({
    target: initialDatasetId ?? NEW_DATASET,
    newName: '',
    labelMode: 'multi',
    duplicates: 'skip',
  })
  const { task, detail } = useTaskResult(taskId)
  const report = detail?.status === 'SUCCESS' ? (detail.stats as ImportReport | null) : null

  useEffect(() => {
    void store.getState().openImport()
  }, [store])

  // The core reads the upload again whenever a reading choice changes.
  useEffect(() => {
    if (upload) void store.getState().previewImport(optionsOf(choice))
  }, [store, upload, choice])

  useEffect(() => {
    if (!report) return
    void store
      .getState()
      .refresh()
      .then(() => store.getState().select(report.datasetId))
  }, [report, store])

  // The core decodes, detects and parses: the screen only hands it the file's bytes.
  const pick = async (picked: File | undefined) => {
    if (!picked) return
    if (!(await store.getState().uploadImportFile(picked))) return
    setChoice(DEFAULT_CHOICE)
    setTarget((t) => ({ ...t, newName: t.newName || datasetNameFromFile(picked.name) }))
  }

  const start = async (onProblem: 'fail' | 'skip') => {
    await store.getState().startImport({
      target:
        target.target === NEW_DATASET
          ? { newDataset: { name: target.newName.trim(), labelMode: target.labelMode } }
          : { datasetId: target.target },
      options: { ...optionsOf(choice), duplicates: target.duplicates, onProblem },
    })
  }

  const running = task !== null && (task.status === 'RUNNING' || task.status === 'PENDING')
  const finishedBadly = task !== null && !running && task.status !== 'SUCCESS'
  const canSkip = finishedBadly && stoppedAtBadRow(detail?.error?.details)
  const percent = progressPercent(task?.progress)
  const canStart =
    upload !== null &&
    preview !== null &&
    previewError === null &&
    (!isTable(preview.format) || preview.roles.text !== null) &&
    !busy &&
    taskId === null &&
    (target.target !== NEW_DATASET || target.newName.trim() !== '')

  return (
    <Dialog
      title="Import documents"
      wide
      onClose={onClose}
      footer={
        report ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{running ? 'Close (keeps importing)' : 'Cancel'}</Button>
            {canSkip ? (
              <Button
                variant="primary"
                disabled={busy}
                onClick={() => {
                  store.getState().clearImportTask()
                  void start('skip')
                }}
              >
                Skip bad rows and import
              </Button>
            ) : (
              <Button variant="primary" disabled={!canStart} onClick={() => void start('fail')}>
                Start import
              </Button>
            )}
          </>
        )
      }
    >
      {!taskId ? (
        <div className="form-grid">
          <div className="field">
            <label htmlFor={fileId}>File to import</label>
            <input
              id={fileId}
              type="file"
              accept=".csv,.tsv,.jsonl,.ndjson,.json,.txt,.tab,.xlsx"
              onChange={(e) => void pick(e.target.files?.[0])}
            />
            <p className="hint">
              CSV/TSV, Excel (.xlsx), doccano JSONL/JSON, fastText, Label Studio JSON, plain text
              (one document per line). Any encoding: UTF-8, UTF-16, Big5, GB18030, Shift_JIS, …
            </p>
          </div>

          {previewError ? (
            <p className="field-error" role="alert">
              {previewError}
            </p>
          ) : null}

          {upload && (preview || previewError) ? (
            <section className="import-preview" aria-label="Preview">
              <ImportReadOptions
                preview={preview}
                choice={choice}
                onChange={(next) => setChoice((c) => ({ ...c, ...next }))}
              />
              {preview && isTable(preview.format) ? (
                <ImportColumnPickers
                  preview={preview}
                  choice={choice}
                  onChange={(columns) => setChoice((c) => ({ ...c, columns }))}
                />
              ) : null}
              {preview ? <ImportPreviewTable preview={preview} /> : null}
              <ImportTargetFields
                datasets={targets}
                value={target}
                onChange={(next) => setTarget((t) => ({ ...t, ...next }))}
              />
            </section>
          ) : null}
        </div>
      ) : null}

      {taskId && !report ? (
        <div className="import-progress" role="status">
          {running ? <ProgressBar label="Import progress" percent={percent} /> : null}
          <p>
            {finishedBadly
              ? `The import ended ${task.status}: ${task.error?.message ?? ''} The dataset is unchanged.`
              : (task?.progress?.message ?? 'Importing…')}
          </p>
        </div>
      ) : null}

      {report ? <ImportReportView report={report} /> : null}
    </Dialog>
  )
}
