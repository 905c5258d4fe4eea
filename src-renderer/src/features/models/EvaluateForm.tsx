import { useId, useState, type FormEvent } from 'react'
import { selectDatasets } from '../../stores/datasets/selectors'
import { useDatasets, useModels, useStores } from '../../stores/hooks'
import { selectEvaluationTaskId, selectModelsBusy } from '../../stores/models/selectors'
import { TaskProgress } from './TaskProgress'

type SplitChoice = 'test' | 'dev' | 'train' | 'none' | 'all'

/** "Evaluate on…": runs the open version over a dataset split as a task. */
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
        <button type="submit" className="button" disabled={busy || !chosen}>
          Evaluate
        </button>
      </form>
      {taskId ? <TaskProgress key={taskId} taskId={taskId} label="Evaluation" /> : null}
    </section>
  )
}
