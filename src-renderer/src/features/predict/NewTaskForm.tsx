import { useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import { formatCount, formatDuration, formatRate } from '../../lib/format'
import { usePredict, useStores } from '../../stores/hooks'
import {
  selectModelVersions,
  selectPredictTasks,
  selectStarting,
} from '../../stores/predict/selectors'
import { Field } from '../../components/Field'
import { ModelEditor } from './ModelEditor'
import { SinkEditor } from './SinkEditor'
import { SourceEditor, type PreviewState } from './SourceEditor'
import {
  buildSource,
  buildStartParams,
  emptyModel,
  emptySource,
  emptyTaskDraft,
  estimateMs,
  type FormErrors,
  type TaskDraft,
} from './task-form'
import { Button } from '../../components/Button'

type Estimate =
  | { status: 'loading' }
  | { status: 'ready'; rows: number; failed: number }
  | { status: 'error'; message: string }

/** The new-task form: sources with a preview, models, exclusive groups, sink, estimate, start. */
export function NewTaskForm() {
  const headingId = useId()
  const { predict, connections } = useStores()
  const starting = usePredict(selectStarting)
  const tasks = usePredict(selectPredictTasks)
  const [draft, setDraft] = useState<TaskDraft>(emptyTaskDraft)
  const [errors, setErrors] = useState<FormErrors>({})
  const [previews, setPreviews] = useState<Record<number, PreviewState>>({})
  const [estimate, setEstimate] = useState<Estimate | null>(null)

  const versions = usePredict(selectModelVersions)

  useEffect(() => {
    void connections.getState().refresh()
    void predict.getState().loadChoices()
  }, [connections, predict])

  /** The rate of the most recent finished run, to time the estimate with. */
  const lastRate = useMemo(() => {
    for (const t of tasks) {
      const rate = t.progress?.data?.['rowsPerSecond']
      if (t.status === 'SUCCESS' && typeof rate === 'number' && rate > 0) return rate
    }
    return undefined
  }, [tasks])

  const update = (patch: Partial<TaskDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setEstimate(null)
  }

  const previewSource = async (index: number) => {
    const source = draft.sources[index]
    if (!source) return
    const built = buildSource(source, `sources.${index}`)
    if (!built.ok) {
      setErrors((e) => ({ ...e, ...built.errors }))
      return
    }
    setPreviews((p) => ({ ...p, [source.key]: { status: 'loading' } }))
    const outcome = await predict.getState().preview(built.spec)
    setPreviews((p) => ({
      ...p,
      [source.key]: outcome.ok
        ? { status: 'ready', result: outcome.value }
        : { status: 'error', message: outcome.message },
    }))
  }

  const runEstimate = async () => {
    const specs = draft.sources.map((s, i) => buildSource(s, `sources.${i}`))
    const bad = specs.flatMap((s) => (s.ok ? [] : [s.errors]))
    if (bad.length > 0) {
      setErrors(Object.assign({}, ...bad) as FormErrors)
      setEstimate({ status: 'error', message: 'Fix the sources first.' })
      return
    }
    setEstimate({ status: 'loading' })
    let rows = 0
    let failed = 0
    for (const s of specs) {
      if (!s.ok) continue
      const outcome = await predict.getState().preview(s.spec)
      if (outcome.ok) rows += outcome.value.estimatedRows
      else failed++
    }
    setEstimate({ status: 'ready', rows, failed })
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const built = buildStartParams(draft, versions?.status === 'ready' ? versions.value : [])
    if (!built.ok) {
      setErrors(built.errors)
      return
    }
    setErrors({})
    const id = await predict.getState().start(built.params)
    if (id) setDraft(emptyTaskDraft())
  }

  const errorCount = Object.keys(errors).length
  const estimatedMs = estimate?.status === 'ready' ? estimateMs(estimate.rows, lastRate) : null

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>New predicting task</h2>
        <Button className="button-quiet" onClick={() => predict.getState().show({ kind: 'none' })}>
          Close form
        </Button>
      </div>
      <form className="pc-predict-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Task title" hint="Optional; default: sources → sink.">
          {(p) => (
            <input
              {...p}
              className="input"
              value={draft.title}
              onChange={(e) => update({ title: e.target.value })}
            />
          )}
        </Field>

        <h3>Sources</h3>
        {draft.sources.map((s, i) => (
          <SourceEditor
            key={s.key}
            index={i}
            draft={s}
            errors={errors}
            preview={previews[s.key]}
            onChange={(next) => {
              update({ sources: draft.sources.map((x) => (x.key === s.key ? next : x)) })
              setPreviews(({ [s.key]: _stale, ...rest }) => rest)
            }}
            onRemove={
              draft.sources.length > 1
                ? () => update({ sources: draft.sources.filter((x) => x.key !== s.key) })
                : null
            }
            onPreview={() => void previewSource(i)}
          />
        ))}
        <div className="button-row">
          <Button onClick={() => update({ sources: [...draft.sources, emptySource()] })}>
            Add source
          </Button>
        </div>

        <h3>Models</h3>
        {draft.models.map((m, i) => (
          <ModelEditor
            key={m.key}
            index={i}
            draft={m}
            errors={errors}
            onChange={(next) =>
              update({ models: draft.models.map((x) => (x.key === m.key ? next : x)) })
            }
            onRemove={
              draft.models.length > 1
                ? () => update({ models: draft.models.filter((x) => x.key !== m.key) })
                : null
            }
          />
        ))}
        <div className="button-row">
          <Button onClick={() => update({ models: [...draft.models, emptyModel()] })}>
            Add model
          </Button>
        </div>

        <h3>Author panel</h3>
        <Field
          label="Exclusive label groups"
          error={errors.exclusiveGroups}
          hint="Optional, one group per line, e.g. male, female. An author keeps the label with the most posts; a tie drops both."
        >
          {(p) => (
            <textarea
              {...p}
              className="input pc-textarea"
              rows={2}
              value={draft.exclusiveGroups}
              onChange={(e) => update({ exclusiveGroups: e.target.value })}
            />
          )}
        </Field>

        <h3>Output</h3>
        <SinkEditor draft={draft.sink} errors={errors} onChange={(sink) => update({ sink })} />
        <Field label="Batch size" error={errors.batchSize} hint="Rows per written batch.">
          {(p) => (
            <input
              {...p}
              className="input"
              inputMode="numeric"
              value={draft.batchSize}
              onChange={(e) => update({ batchSize: e.target.value })}
            />
          )}
        </Field>

        <h3>Estimate</h3>
        <div className="pc-estimate" role="status" aria-label="Dry-run estimate">
          {estimate === null ? (
            <p className="hint">Estimate the rows (and, from your last run, the time) first.</p>
          ) : estimate.status === 'loading' ? (
            <p className="hint">Estimating…</p>
          ) : estimate.status === 'error' ? (
            <p className="pc-inline-error">{estimate.message}</p>
          ) : (
            <p>
              About <strong>{formatCount(estimate.rows)}</strong> rows
              {estimate.failed > 0 ? ` (${estimate.failed} source(s) could not be read)` : ''}
              {estimatedMs !== null
                ? `, about ${formatDuration(estimatedMs)} at ${formatRate(lastRate, 'rows') ?? ''} (your last run).`
                : '. No finished run yet to time it from.'}
            </p>
          )}
        </div>

        {errorCount > 0 ? (
          <p className="pc-inline-error" role="alert">
            {errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} attention before
            the task can start.
          </p>
        ) : null}
        <div className="button-row">
          <Button onClick={() => void runEstimate()}>Estimate rows and time</Button>
          <Button type="submit" variant="primary" disabled={starting}>
            {starting ? 'Checking sources and sink…' : 'Start predicting'}
          </Button>
        </div>
      </form>
    </section>
  )
}
