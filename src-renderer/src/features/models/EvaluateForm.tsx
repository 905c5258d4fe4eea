import { useId, useState, type FormEvent } from 'react'
import { FilePicker, type PickedFile } from '../../components/FilePicker'
import { selectDatasets } from '../../stores/datasets/selectors'
import { useDatasets, useModels, useStores } from '../../stores/hooks'
import { selectEvaluationTaskId, selectModelsBusy } from '../../stores/models/selectors'
import type { EvaluationFile } from '../../stores/models/sources'
import { fileToBase64 } from '../../lib/file-decoding'
import { TaskProgress } from '../../components/TaskProgress'
import { Button } from '../../components/Button'
import { LabeledText } from '../../components/LabeledText'
import { LabeledSelect } from '../../components/Select'

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
        <LabeledSelect
          label="Dataset"
          inline
          value={chosen}
          onChange={setDatasetId}
          choices={datasets.map((d) => ({ value: d.id, label: d.name }))}
        />
        <LabeledSelect
          label="Split"
          inline
          value={split}
          onChange={setSplit}
          choices={[
            { value: 'test', label: 'test' },
            { value: 'dev', label: 'dev' },
            { value: 'train', label: 'train' },
            { value: 'none', label: 'no split' },
            { value: 'all', label: 'all documents' },
          ]}
        />
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
  const { api, models, ui } = useStores()
  const [picked, setPicked] = useState<PickedFile | null>(null)
  const [textColumn, setTextColumn] = useState('text')
  const [labelColumn, setLabelColumn] = useState('label')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!picked) return
    // A path (desktop): the core reads the file. A browser hands the core the bytes: it detects
    // the encoding (Big5, GB18030, UTF-16…) as imports do.
    let source: EvaluationFile
    if (picked.kind === 'path') source = { path: picked.path }
    else {
      try {
        const stored = await api.call('datasets.uploadFile', {
          fileName: picked.file.name,
          contentBase64: await fileToBase64(picked.file),
        })
        source = { upload: stored.upload, fileName: stored.fileName }
      } catch (error) {
        ui.getState().showError(error)
        return
      }
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
      <LabeledText label="Text column" inline value={textColumn} onChange={setTextColumn} />
      <LabeledText label="Label column" inline value={labelColumn} onChange={setLabelColumn} />
      <Button type="submit" disabled={disabled || !picked}>
        Evaluate file
      </Button>
    </form>
  )
}
