import { useId, useState, type FormEvent } from 'react'
import type { TaskDetail } from '@api/dto'
import { useApi, useStores } from '../../stores/hooks'
import { formatTimestamp } from '../../lib/format'
import { Button } from '../../components/Button'

/** Looks up one task by id, with its config, stats and checkpoint: for support and bug reports. */
export function TaskInspector() {
  const headingId = useId()
  const inputId = useId()
  const api = useApi()
  const { ui } = useStores()
  const [id, setId] = useState('')
  const [busy, setBusy] = useState(false)
  const [detail, setDetail] = useState<TaskDetail | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      setDetail(await api.call('tasks.show', { id: id.trim() }))
    } catch (error) {
      setDetail(null)
      ui.getState().showError(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Inspect a task</h2>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId}>Task id</label>
        <input
          id={inputId}
          className="input mono"
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder="32 hex digits, as the CLI and the Tasks drawer show"
          spellCheck={false}
          autoComplete="off"
          size={40}
        />
        <Button type="submit" disabled={busy || id.trim() === ''}>
          Show task
        </Button>
      </form>
      {detail ? (
        <dl className="facts">
          <dt>Title</dt>
          <dd>{detail.title}</dd>
          <dt>Kind</dt>
          <dd className="mono">{detail.kind}</dd>
          <dt>Status</dt>
          <dd>{detail.status}</dd>
          <dt>Created</dt>
          <dd>{formatTimestamp(detail.createdAt)}</dd>
          <dt>Config</dt>
          <dd>
            <pre className="code">{JSON.stringify(detail.config, null, 2)}</pre>
          </dd>
          <dt>Stats</dt>
          <dd>
            <pre className="code">{JSON.stringify(detail.stats, null, 2)}</pre>
          </dd>
        </dl>
      ) : null}
    </section>
  )
}
