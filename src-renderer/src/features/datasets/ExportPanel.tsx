import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { DatasetDetail, DatasetFormat, DocumentFilter, ExportReport } from '@api/dto'
import type { CsvFlavour } from '@api/contract/common'
import { DATASET_FORMATS } from '@api/contract/datasets'
import { CsvFlavourHint, CsvFlavourInline } from '../../components/CsvFlavour'
import { formatBytes, progressPercent } from '../../lib/format'
import { useDatasets, useStores, useSystem } from '../../stores/hooks'
import { selectExportStarted } from '../../stores/datasets/selectors'
import { selectSystemInfo } from '../../stores/system/selectors'
import { downloadWorkspaceFile, isDesktop } from '../../api/download'
import { pickSavePath, ShowInFolder } from '../../components/FilePicker'
import { exportFileName, exportPath, FORMAT_NAMES } from './export-path'
import { useTaskResult } from '../../lib/use-task-result'
import { ProgressBar } from '../../components/ProgressBar'
import { Button } from '../../components/Button'
import { choicesOf, LabeledSelect } from '../../components/Select'

type Scope = 'all' | 'labeled' | 'unlabeled' | 'train' | 'dev' | 'test' | 'filter'

const SCOPES: { value: Scope; label: string }[] = [
  { value: 'all', label: 'Whole dataset' },
  { value: 'labeled', label: 'Labeled documents' },
  { value: 'unlabeled', label: 'Unlabeled documents' },
  { value: 'train', label: 'Train split' },
  { value: 'dev', label: 'Dev split' },
  { value: 'test', label: 'Test split' },
]

function filterFor(scope: Scope, current: DocumentFilter | undefined): DocumentFilter | undefined {
  switch (scope) {
    case 'all':
      return undefined
    case 'labeled':
    case 'unlabeled':
      return { status: scope }
    case 'train':
    case 'dev':
    case 'test':
      return { status: 'all', split: scope }
    case 'filter':
      return current
  }
}

interface ExportPanelProps {
  dataset: Pick<DatasetDetail, 'id' | 'name'>
  /** The annotation screen's current filter, offered as a scope. */
  currentFilter?: DocumentFilter
  currentFilterText?: string
}

export function ExportPanel({ dataset, currentFilter, currentFilterText }: ExportPanelProps) {
  const { datasets, system, ui } = useStores()
  const info = useSystem(selectSystemInfo)
  const formId = useId()
  const hintId = useId()
  const [format, setFormat] = useState<DatasetFormat>('doccano-jsonl')
  // People open exports in spreadsheets: Excel-safe unless they choose raw.
  const [csvFlavour, setCsvFlavour] = useState<CsvFlavour>('excel')
  const [scope, setScope] = useState<Scope>(currentFilter ? 'filter' : 'all')
  const lastStarted = useDatasets(selectExportStarted)
  const started = lastStarted?.datasetId === dataset.id ? lastStarted : null
  const downloaded = useRef<string | null>(null)
  const { task, detail } = useTaskResult(started?.taskId ?? null)

  useEffect(() => {
    if (!system.getState().info) void system.getState().loadInfo()
  }, [system])

  const report = detail?.status === 'SUCCESS' ? (detail.stats as ExportReport | null) : null
  const fileName = started?.fileName ?? null

  // In the browser the file is handed over as a download as soon as it is written.
  useEffect(() => {
    if (!report || !fileName || isDesktop() || downloaded.current === fileName) return
    downloaded.current = fileName
    downloadWorkspaceFile(`exports/${fileName}`).catch((error: unknown) =>
      ui.getState().showError(error),
    )
  }, [report, fileName, ui])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!info) return
    const name = exportFileName(dataset.name, format, new Date())
    const filter = filterFor(scope, currentFilter)
    // The desktop app asks where to save; a browser downloads the copy written under exports/.
    const path = isDesktop()
      ? await pickSavePath('dataset-export', name)
      : exportPath(info.dataDir, name)
    if (!path) return
    const params = { id: dataset.id, format, csvFlavour, path, ...(filter ? { filter } : {}) }
    await datasets.getState().startExport(params, name)
  }

  const csvLike = format === 'csv' || format === 'tsv'
  const running = task !== null && (task.status === 'RUNNING' || task.status === 'PENDING')
  const percent = progressPercent(task?.progress)
  const scopes = currentFilter
    ? [
        { value: 'filter' as const, label: `Current filter (${currentFilterText ?? 'as shown'})` },
        ...SCOPES,
      ]
    : SCOPES

  return (
    <section className="panel-section" aria-label="Export">
      <h3>Export</h3>
      <form id={formId} className="inline-form" onSubmit={(e) => void submit(e)}>
        <LabeledSelect
          label="Format"
          inline
          value={format}
          onChange={setFormat}
          choices={choicesOf(DATASET_FORMATS, FORMAT_NAMES)}
        />
        {csvLike ? (
          <CsvFlavourInline value={csvFlavour} onChange={setCsvFlavour} hintId={hintId} />
        ) : null}
        <LabeledSelect
          label="Documents"
          inline
          value={scope}
          onChange={setScope}
          choices={scopes}
        />
        <Button type="submit" variant="primary" disabled={!info || running}>
          Export
        </Button>
      </form>
      {csvLike ? <CsvFlavourHint id={hintId} /> : null}
      {task && !report ? (
        <div className="export-status" role="status">
          {running ? <ProgressBar label="Export progress" percent={percent} /> : null}
          <p>
            {running
              ? (task.progress?.message ?? 'Exporting…')
              : task.status === 'SUCCESS'
                ? 'Finishing…'
                : `Export ${task.status.toLowerCase()}: ${task.error?.message ?? ''}`}
          </p>
        </div>
      ) : null}
      {report && fileName ? (
        <div className="export-status" role="status" aria-label="Export result">
          <p>
            Exported {report.documents} documents ({formatBytes(report.bytes)}) to{' '}
            <span className="mono">{report.path}</span>.
          </p>
          {isDesktop() ? (
            <ShowInFolder path={report.path} />
          ) : (
            <Button
              small
              onClick={() =>
                void downloadWorkspaceFile(`exports/${fileName}`).catch((error: unknown) =>
                  ui.getState().showError(error),
                )
              }
            >
              Download {fileName}
            </Button>
          )}
        </div>
      ) : null}
    </section>
  )
}
