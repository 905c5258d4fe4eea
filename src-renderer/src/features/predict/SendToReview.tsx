import { useEffect, useState, type FormEvent } from 'react'
import type { DatasetSummary, ImportReport } from '@api/dto'
import { toApiError } from '../../api/client'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { TextField } from '../../components/Field'
import { RadioGroup } from '../../components/RadioGroup'
import { TaskProgress } from '../../components/TaskProgress'
import { LabeledSelect } from '../../components/Select'
import { ImportTargetFields, NEW_DATASET } from '../datasets/ImportTargetFields'
import { useStores } from '../../stores/hooks'
import { checkReview, countNote, rowsOf, type ReviewForm, type ReviewRows } from './review-request'

const WHAT = [
  { value: 'sample', label: 'A sample per label' },
  { value: 'label', label: 'Every row of one label' },
  { value: 'below', label: 'Rows of a label scored below…' },
] as const

/** "Send to review" on a predict task page: the button and, once pressed, its dialog. */
export function SendToReview({
  taskId,
  title,
  labels,
}: {
  taskId: string
  title: string
  labels: string[]
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={labels.length === 0}>
        Send to review
      </Button>
      {open ? (
        <ReviewDialog
          taskId={taskId}
          title={title}
          labels={labels}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  )
}

type Count = { rows: number; exact: boolean } | { error: string } | null

function ReviewDialog(props: {
  taskId: string
  title: string
  labels: string[]
  onClose: () => void
}) {
  const { taskId, labels, onClose } = props
  const { api } = useStores()
  const [form, setForm] = useState<ReviewForm>({
    what: 'sample',
    perLabel: '50',
    label: labels[0] ?? '',
    below: '',
    into: {
      target: NEW_DATASET,
      newName: `Review: ${props.title}`.slice(0, 200),
      labelMode: 'multi',
      duplicates: 'skip',
    },
  })
  const [datasets, setDatasets] = useState<DatasetSummary[]>([])
  const [counted, setCounted] = useState<{ key: string; count: Count } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [started, setStarted] = useState<string | null>(null)
  const set = (patch: Partial<ReviewForm>) => setForm((f) => ({ ...f, ...patch }))
  const checked = checkReview(taskId, form)
  // The count depends on the rows asked for, not on where they go: one request per change of them.
  const rowsKey = checked.ok ? JSON.stringify(rowsOf(checked.params)) : null

  useEffect(() => {
    void api.call('datasets.list', {}).then(setDatasets, () => setDatasets([]))
  }, [api])

  useEffect(() => {
    if (rowsKey === null) return
    let live = true
    const rows = JSON.parse(rowsKey) as ReviewRows
    api.call('suggestions.reviewCount', rows).then(
      (count) => live && setCounted({ key: rowsKey, count }),
      (e: unknown) => live && setCounted({ key: rowsKey, count: { error: toApiError(e).message } }),
    )
    return () => {
      live = false
    }
  }, [api, rowsKey])

  const count: Count = counted !== null && counted.key === rowsKey ? counted.count : null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!checked.ok) return
    setError(null)
    try {
      setStarted((await api.call('suggestions.reviewFromPredict', checked.params)).taskId)
    } catch (e) {
      setError(toApiError(e).message)
    }
  }

  if (started) return <ReviewSent taskId={started} onClose={onClose} />
  const fieldError = (field: keyof ReviewForm) =>
    !checked.ok && checked.field === field ? checked.message : undefined
  const labelChoices = labels.map((l) => ({ value: l, label: l }))
  const countText =
    count === null
      ? 'Counting…'
      : 'error' in count
        ? count.error
        : countNote(count.rows, count.exact)
  const nothing = count !== null && 'rows' in count && count.rows === 0
  return (
    <Dialog title="Send to review" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <RadioGroup
          legend="Rows"
          name="review-what"
          look="list"
          value={form.what}
          choices={WHAT}
          onChange={(what) => set({ what })}
        />
        {form.what === 'sample' ? (
          <TextField
            label="Rows per label"
            inputMode="numeric"
            value={form.perLabel}
            error={fieldError('perLabel')}
            onChange={(perLabel) => set({ perLabel })}
          />
        ) : (
          <LabeledSelect
            label="Label"
            value={form.label}
            choices={labelChoices}
            onChange={(label) => set({ label })}
          />
        )}
        {form.what === 'below' ? (
          <TextField
            label="Score below"
            hint="The model's score for the label (its decision threshold is a good start)."
            inputMode="decimal"
            value={form.below}
            error={fieldError('below')}
            onChange={(below) => set({ below })}
          />
        ) : null}
        <ImportTargetFields
          datasets={datasets}
          value={form.into}
          onChange={(patch) => set({ into: { ...form.into, ...patch } })}
        />
        {fieldError('into') ? <p className="pc-inline-error">{fieldError('into')}</p> : null}
        <p className="hint" role="status" aria-label="Rows to send">
          {checked.ok ? countText : checked.message}
        </p>
        {error ? (
          <p className="pc-inline-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <Button type="submit" variant="primary" disabled={!checked.ok || nothing}>
            {count !== null && 'rows' in count
              ? `Send ${count.rows.toLocaleString()} rows`
              : 'Send'}
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  )
}

const isReport = (
  stats: Record<string, unknown>,
): stats is Record<string, unknown> & ImportReport =>
  typeof stats.datasetId === 'string' && typeof stats.imported === 'number'

/** The task under way (reading the predictions, then importing them), then a link to Annotate. */
function ReviewSent({ taskId, onClose }: { taskId: string; onClose: () => void }) {
  const { datasets, ui } = useStores()
  const [report, setReport] = useState<ImportReport | null>(null)
  const openAnnotate = async (datasetId: string) => {
    await datasets.getState().select(datasetId)
    ui.getState().navigate('annotate')
    onClose()
  }
  return (
    <Dialog title="Send to review" onClose={onClose}>
      <TaskProgress
        taskId={taskId}
        label="Sending to review"
        onSuccess={(stats) => setReport(isReport(stats) ? stats : null)}
      >
        {report ? (
          <p>
            Sent {report.imported.toLocaleString()} documents to “{report.datasetName}”
            {report.duplicatesSkipped > 0
              ? ` (${report.duplicatesSkipped.toLocaleString()} were already there)`
              : ''}
            .
          </p>
        ) : null}
      </TaskProgress>
      <div className="button-row">
        {report ? (
          <Button variant="primary" onClick={() => void openAnnotate(report.datasetId)}>
            Open in Annotate
          </Button>
        ) : null}
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  )
}
