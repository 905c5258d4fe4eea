import { useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import { formatCount, formatDuration, formatRate } from '../../lib/format'
import { usePredict, useStores } from '../../stores/hooks'
import {
  selectModelVersions,
  selectPredictTasks,
  selectStarting,
} from '../../stores/predict/selectors'
import { Field, TextField } from '../../components/Field'
import { ModelEditor } from './ModelEditor'
import { SinkEditor } from './SinkEditor'
import { SourceEditor } from './SourceEditor'
import type { PreviewState } from './SourcePreview'
import {
  emptyModel,
  emptySource,
  emptyTaskDraft,
  type FormErrors,
  type TaskDraft,
} from './task-draft'
import { buildSource, buildStartParams } from './task-form'
import { estimateMs } from './draft-text'
import { useFieldErrors } from './use-field-errors'
import { Button } from '../../components/Button'
import type { FormSeed } from '../../stores/predict/state'
import { StartFrom } from './StartFrom'
import { useDraftGuard } from './use-draft-guard'

type Estimate =
  | { status: 'loading' }
  | { status: 'ready'; rows: number; failed: number }
  | { status: 'error'; message: string }

/**
 * The new-task form: sources with a preview, models, exclusive groups, sink, estimate, start.
 * A seed ("Run again", a template) fills it; its problems show as errors at once.
 */
export function NewTaskForm({ seed }: { seed?: FormSeed | undefined }) {
  const headingId = useId()
  const { predict, connections } = useStores()
  const starting = usePredict(selectStarting)
  const tasks = usePredict(selectPredictTasks)
  const [initial] = useState<TaskDraft>(() => seed?.draft ?? emptyTaskDraft())
  const [draft, setDraft] = useState<TaskDraft>(initial)
  const [previews, setPreviews] = useState<Record<number, PreviewState>>({})
  const [estimate, setEstimate] = useState<Estimate | null>(null)

  const versions = usePredict(selectModelVersions)
  const versionList = versions?.status === 'ready' ? versions.value : []
  const check = (d: TaskDraft): FormErrors => {
    const built = buildStartParams(d, versionList)
    return built.ok ? {} : built.errors
  }
  const { errors, setErrors, edited, reset, focusProps } = useFieldErrors(
    draft,
    check,
    seed?.problems,
  )
  const leaveDialog = useDraftGuard(draft, initial)

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
    const next = { ...draft, ...patch }
    setDraft(next)
    setEstimate(null)
    edited(next)
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
    const built = buildStartParams(draft, versionList)
    if (!built.ok) {
      setErrors(built.errors)
      return
    }
    setErrors({})
    const id = await predict.getState().start(built.params)
    if (!id) return
    setDraft(initial)
    reset()
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
      {seed ? <p className="hint">Filled in from {seed.origin}: check it, then start.</p> : null}
      <StartFrom templateId={seed?.templateId} />
      <form className="pc-predict-form" onSubmit={(e) => void submit(e)} noValidate {...focusProps}>
        <TextField
          label="Task title"
          hint="Optional; default: sources → sink."
          value={draft.title}
          onChange={(value) => update({ title: value })}
        />

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
        <TextField
          label="Batch size"
          error={errors.batchSize}
          hint="Rows per written batch."
          inputMode="numeric"
          value={draft.batchSize}
          onChange={(value) => update({ batchSize: value })}
        />

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
      {leaveDialog}
    </section>
  )
}
