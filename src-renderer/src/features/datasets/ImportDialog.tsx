import { useEffect, useId, useState } from 'react'
import type {
  DatasetFormat,
  DatasetSummary,
  ImportPreview,
  ImportReport,
  LabelMode,
  TextEncoding,
} from '../../../../src-main/api/models'
import { DATASET_FORMATS } from '../../../../src-main/api/contract/datasets'
import { progressPercent } from '../../lib/format'
import { useStores } from '../../stores/hooks'
import { Dialog } from './Dialog'
import { FORMAT_NAMES } from './export-path'
import { datasetNameFromFile, decodeFileBytes } from './file-decoding'
import { useTaskResult } from './use-task-result'

const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16 LE (BOM)',
  'utf-16be': 'UTF-16 BE (BOM)',
}

interface PickedFile {
  name: string
  text: string
  encoding: TextEncoding
}

const NEW_DATASET = '__new__'

export function ImportDialog({
  onClose,
  initialDatasetId,
}: {
  onClose: () => void
  initialDatasetId: string | null
}) {
  const { api, ui, datasets: store } = useStores()
  // Every dataset can be the target, whatever the list's search shows.
  const [datasets, setDatasets] = useState<DatasetSummary[]>([])
  const fileId = useId()
  const [file, setFile] = useState<PickedFile | null>(null)
  const [format, setFormat] = useState<DatasetFormat | 'auto'>('auto')
  const [textColumn, setTextColumn] = useState('')
  const [labelColumn, setLabelColumn] = useState('')
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [previewError, setPreviewError] = useState<string | null>(null)
  const [target, setTarget] = useState(initialDatasetId ?? NEW_DATASET)
  const [newName, setNewName] = useState('')
  const [labelMode, setLabelMode] = useState<LabelMode>('multi')
  const [duplicates, setDuplicates] = useState<'skip' | 'keep'>('skip')
  const [taskId, setTaskId] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  const { task, detail } = useTaskResult(taskId)
  const report = detail?.status === 'SUCCESS' ? (detail.stats as ImportReport | null) : null

  const options = () => ({
    format,
    duplicates,
    ...(textColumn ? { textColumn } : {}),
    ...(labelColumn ? { labelColumn } : {}),
  })

  useEffect(() => {
    let stale = false
    api
      .call('datasets.list', {})
      .then((all) => {
        if (!stale) setDatasets(all)
      })
      .catch((error: unknown) => ui.getState().showError(error))
    return () => {
      stale = true
    }
  }, [api, ui])

  // Preview again whenever the file or a parsing choice changes.
  useEffect(() => {
    if (!file) return
    let stale = false
    api
      .call('datasets.previewImport', {
        source: { content: file.text, fileName: file.name },
        options: {
          format,
          duplicates: 'skip',
          onProblem: 'skip',
          ...(textColumn ? { textColumn } : {}),
          ...(labelColumn ? { labelColumn } : {}),
        },
        rows: 10,
      })
      .then((answer) => {
        if (stale) return
        setPreviewError(null)
        setPreview(answer)
      })
      .catch((error: unknown) => {
        if (stale) return
        setPreview(null)
        setPreviewError(error instanceof Error ? error.message : String(error))
      })
    return () => {
      stale = true
    }
  }, [api, file, format, textColumn, labelColumn])

  useEffect(() => {
    if (!report) return
    void store
      .getState()
      .refresh()
      .then(() => store.getState().select(report.datasetId))
  }, [report, store])

  const pick = async (picked: File | undefined) => {
    if (!picked) return
    const decoded = decodeFileBytes(new Uint8Array(await picked.arrayBuffer()))
    setTextColumn('')
    setLabelColumn('')
    setFormat('auto')
    setPreview(null)
    setNewName((name) => name || datasetNameFromFile(picked.name))
    setFile({ name: picked.name, ...decoded })
  }

  const start = async () => {
    if (!file) return
    setStarting(true)
    try {
      const result = await api.call('datasets.startImport', {
        target:
          target === NEW_DATASET
            ? { newDataset: { name: newName.trim(), labelMode } }
            : { datasetId: target },
        source: { content: file.text, fileName: file.name },
        options: { ...options(), onProblem: 'skip' },
      })
      setTaskId(result.taskId)
    } catch (error) {
      ui.getState().showError(error)
    } finally {
      setStarting(false)
    }
  }

  const running = task !== null && (task.status === 'RUNNING' || task.status === 'PENDING')
  const finishedBadly = task !== null && !running && task.status !== 'SUCCESS'
  const percent = progressPercent(task?.progress)
  const columnar = preview?.format === 'csv' || preview?.format === 'tsv'
  const canStart =
    file !== null &&
    preview !== null &&
    !starting &&
    taskId === null &&
    (target !== NEW_DATASET || newName.trim() !== '')

  return (
    <Dialog
      title="Import documents"
      wide
      onClose={onClose}
      footer={
        report ? (
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              {running ? 'Close (keeps importing)' : 'Cancel'}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={!canStart}
              onClick={() => void start()}
            >
              Start import
            </button>
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
              accept=".csv,.tsv,.jsonl,.ndjson,.json,.txt,.tab"
              onChange={(e) => void pick(e.target.files?.[0])}
            />
            <p className="hint">
              doccano JSONL/JSON, CSV/TSV, fastText, Label Studio JSON, plain text (one document per
              line). UTF-8 or UTF-16 with a byte-order mark.
            </p>
          </div>

          {previewError ? (
            <p className="field-error" role="alert">
              {previewError}
            </p>
          ) : null}

          {file && preview ? (
            <section className="import-preview" aria-label="Preview">
              <dl className="facts">
                <dt>Detected format</dt>
                <dd>{FORMAT_NAMES[preview.format]}</dd>
                <dt>Encoding</dt>
                <dd>{ENCODING_NAMES[file.encoding]}</dd>
              </dl>
              <div className="inline-form">
                <label className="inline-field">
                  <span>Format</span>
                  <select
                    className="input"
                    value={format}
                    onChange={(e) => setFormat(e.target.value as DatasetFormat | 'auto')}
                  >
                    <option value="auto">Detect automatically</option>
                    {DATASET_FORMATS.map((f) => (
                      <option key={f} value={f}>
                        {FORMAT_NAMES[f]}
                      </option>
                    ))}
                  </select>
                </label>
                {columnar ? (
                  <>
                    <label className="inline-field">
                      <span>Text column</span>
                      <select
                        className="input"
                        value={textColumn || preview.textColumn || ''}
                        onChange={(e) => setTextColumn(e.target.value)}
                      >
                        {preview.columns.map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label className="inline-field">
                      <span>Label column</span>
                      <select
                        className="input"
                        value={labelColumn || preview.labelColumn || ''}
                        onChange={(e) => setLabelColumn(e.target.value)}
                      >
                        <option value="">(none)</option>
                        {preview.columns.map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </select>
                    </label>
                  </>
                ) : null}
              </div>
              <table className="preview-table" aria-label="First rows">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Text</th>
                    <th scope="col">Labels</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row) => (
                    <tr key={row.line}>
                      <td className="num">{row.line}</td>
                      <td className="preview-text">{row.text}</td>
                      <td>{row.labels.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.problems.length > 0 ? (
                <ul className="problems" aria-label="Problems in the first rows">
                  {preview.problems.map((p, i) => (
                    <li key={`${p.line}-${i}`}>
                      Line {p.line}: {p.message}
                    </li>
                  ))}
                </ul>
              ) : null}

              <div className="inline-form">
                <label className="inline-field">
                  <span>Import into</span>
                  <select
                    className="input"
                    value={target}
                    onChange={(e) => setTarget(e.target.value)}
                  >
                    <option value={NEW_DATASET}>A new dataset</option>
                    {datasets.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                </label>
                {target === NEW_DATASET ? (
                  <>
                    <label className="inline-field">
                      <span>Dataset name</span>
                      <input
                        className="input"
                        value={newName}
                        onChange={(e) => setNewName(e.target.value)}
                      />
                    </label>
                    <label className="inline-field">
                      <span>Labels per document</span>
                      <select
                        className="input"
                        value={labelMode}
                        onChange={(e) => setLabelMode(e.target.value as LabelMode)}
                      >
                        <option value="multi">Several (multi-label)</option>
                        <option value="single">One (single-label)</option>
                      </select>
                    </label>
                  </>
                ) : null}
              </div>
              <fieldset className="segmented">
                <legend>Exact duplicates</legend>
                <label className="segmented-option">
                  <input
                    type="radio"
                    name="duplicates"
                    checked={duplicates === 'skip'}
                    onChange={() => setDuplicates('skip')}
                  />
                  Skip
                </label>
                <label className="segmented-option">
                  <input
                    type="radio"
                    name="duplicates"
                    checked={duplicates === 'keep'}
                    onChange={() => setDuplicates('keep')}
                  />
                  Keep
                </label>
              </fieldset>
            </section>
          ) : null}
        </div>
      ) : null}

      {taskId && !report ? (
        <div className="import-progress" role="status">
          {running ? (
            <div
              className="progress"
              role="progressbar"
              aria-label="Import progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent ?? undefined}
            >
              <div className="progress-bar" style={{ width: `${percent ?? 100}%` }} />
            </div>
          ) : null}
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

function ImportReportView({ report }: { report: ImportReport }) {
  const problemKinds = Object.entries(report.problemCounts)
  return (
    <section className="import-report" aria-label="Import report" role="status">
      <p>
        Imported <strong>{report.imported}</strong> of {report.rowsRead} rows into "
        {report.datasetName}".
      </p>
      <dl className="facts">
        <dt>Format</dt>
        <dd>{FORMAT_NAMES[report.format]}</dd>
        <dt>Encoding</dt>
        <dd>{ENCODING_NAMES[report.encoding]}</dd>
        <dt>Duplicates skipped</dt>
        <dd>{report.duplicatesSkipped}</dd>
        <dt>Duplicates kept</dt>
        <dd>{report.duplicatesKept}</dd>
        <dt>New labels</dt>
        <dd>{report.labelsCreated.length > 0 ? report.labelsCreated.join(', ') : 'none'}</dd>
        <dt>Problems</dt>
        <dd>
          {problemKinds.length > 0
            ? problemKinds.map(([kind, n]) => `${kind}: ${n}`).join(', ')
            : 'none'}
        </dd>
      </dl>
      {report.problems.length > 0 ? (
        <ul className="problems" aria-label="Problems">
          {report.problems.map((p, i) => (
            <li key={`${p.line}-${i}`}>
              Line {p.line}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
