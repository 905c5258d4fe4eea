import { useEffect, useId, useState } from 'react'
import type { PredictOutput } from '@api/contract/predicting'
import { toApiError } from '../../api/client'
import { ShowInFolder } from '../../components/FilePicker'
import { useStores } from '../../stores/hooks'

type Outputs = { status: 'ready'; value: PredictOutput[] } | { status: 'error'; message: string }

const ROLE: Record<PredictOutput['role'], string> = {
  results: 'Results',
  authors: 'Author panel',
  database: 'SQLite file',
  staging: 'Staging file',
}

/** Every file and table the task writes (predict.outputs), files with "Show in folder". */
export function TaskOutputs({ taskId }: { taskId: string }) {
  const headingId = useId()
  const { api } = useStores()
  const [outputs, setOutputs] = useState<Outputs | null>(null)

  useEffect(() => {
    let live = true
    api
      .call('predict.outputs', { taskId })
      .then((value) => live && setOutputs({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (live) setOutputs({ status: 'error', message: toApiError(error).message })
      })
    return () => {
      live = false
    }
  }, [api, taskId])

  if (outputs === null) return null
  if (outputs.status === 'error')
    return <p className="pc-inline-error">Could not list the outputs: {outputs.message}</p>
  return (
    <div aria-labelledby={headingId}>
      <h3 id={headingId}>Writes</h3>
      <ul className="pc-outputs">
        {outputs.value.map((o) => (
          <li key={`${o.kind}:${o.location}`}>
            <span className="pc-output-role">{ROLE[o.role]}</span>{' '}
            <span className="mono">{o.location}</span>{' '}
            {o.kind === 'file' ? <ShowInFolder path={o.location} /> : null}
            <br />
            <span className="hint">{o.note}.</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
