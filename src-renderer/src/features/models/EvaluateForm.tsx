import { useId, useState, type FormEvent } from 'react'
import { FilePicker, type PickedFile } from '../../components/FilePicker'
import { selectDatasets } from '../../stores/datasets/selectors'
import { useDatasets, useModels, useStores } from '../../stores/hooks'
import { selectEvaluationTaskId, selectModelsBusy } from '../../stores/models/selectors'
import { decodeFileBytes } from '../../lib/file-decoding'
import { TaskProgress } from '../../components/TaskProgress'
import { Button } from '../../components/Button'

type SplitChoice = 'test' | 'dev' | 'train' | 'none' | 'all'

/** "Evaluate on…": runs the open version over a dataset split, or a labelled file, as a task. */
export function EvaluateForm({ defaultDatasetId }: { defaultDatasetId: string | null }) {
  const { models } = useStores()
  const datasets = useDatasets(selectDatasets)
  const busy = useModels(selectModelsBusy)
  const taskId = useModels(selectEvaluationTaskId)
  const titleId = useId()
  const [datasetId, setDatasetId] = useState('')
  const [split, setSplit] = useState<SplitChoice>('test')
  const chosen = datasetId || defaultDatasetId || datasets[0]?.id || ''

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!chosen) return
    await models
      .getState()
      .startEvaluation({ datasetId: chosen, ...(split === 'all' ? {} : { split }) })
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>Evaluate on…</h3>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <label className="inline-field">
          <span>Dataset</span>
          <select className="input" value={chosen} onChange={(e) => setDatasetId(e.target.value)}>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Split</span>
          <select
            className="input"
            value={split}
            onChange={(e) => setSplit(e.target.value as SplitChoice)}
          >
            <option value="test">test</option>
            <option value="dev">dev</option>
            <option value="train">train</option>
            <option value="none">no split</option>
            <option value="all">all documents</option>
          </select>
        </label>
        <Button type="submit" disabled={busy || !chosen}>
          Evaluate
        </Button>
      </form>
      <ExternalFileForm disabled={busy} />
      {taskId ? <TaskProgress key={taskId} taskId={taskId} label="Evaluation" /> : null}
    </section>
  )
}

/** A CSV/JSONL file with gold labels, evaluated without importing it. */
function ExternalFileForm({ disabled }: { disabled: boolean }) {
  const { models } = useStores()
  const [picked, setPicked] = useState<PickedFile | null>(null)
  const [textColumn, setTextColumn] = useState('text')
  const [labelColumn, setLabelColumn] = useState('label')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!picked) return
    // A path (desktop): the core reads the file. An upload (browser): its text goes along.
    const source =
      picked.kind === 'path'
        ? { path: picked.path }
        : {
            content: decodeFileBytes(new Uint8Array(await picked.file.arrayBuffer())).text,
            fileName: picked.file.name,
          }
    await models.getState().startEvaluation({ file: { ...source, textColumn, labelColumn } })
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <div className="inline-field">
        <span>Or a labelled file</span>
        <span className="path-field-row">
          <FilePicker
            purpose="evaluation-file"
            label="Choose labelled file…"
            onPick={setPicked}
            className="button button-small"
          />
          <span className="mono">{picked?.name ?? 'none chosen'}</span>
        </span>
      </div>
      <label className="inline-field">
        <span>Text column</span>
        <input
          className="input"
          value={textColumn}
          onChange={(e) => setTextColumn(e.target.value)}
        />
      </label>
      <label className="inline-field">
        <span>Label column</span>
        <input
          className="input"
          value={labelColumn}
          onChange={(e) => setLabelColumn(e.target.value)}
        />
      </label>
      <Button type="submit" disabled={disabled || !picked}>
        Evaluate file
      </Button>
    </form>
  )
}
