import type { QueueName } from '@api/dto'
import { selectCurrent } from '../../stores/annotate/selectors'
import { useAnnotate, useStores, useSuggest } from '../../stores/hooks'
import {
  selectQueue,
  selectQueueItems,
  selectQueueOffset,
  selectQueuePosition,
  selectQueueTotal,
  selectSuggestSource,
} from '../../stores/suggest/selectors'

const QUEUE_NAMES: Record<QueueName, string> = {
  file: 'File order',
  uncertain: 'Most uncertain first',
  mislabelled: 'Likely mislabelled',
  disagrees: 'Model disagrees with gold',
  random: 'Random',
}

/** Uncertainty is stored negated (higher first); people read the margin itself. */
const scoreText = (queue: QueueName, score: number) =>
  queue === 'uncertain' ? `margin ${(-score).toFixed(3)}` : score.toFixed(3)

const needsModel = (queue: QueueName) => queue !== 'file' && queue !== 'random'

/** Which order Space and ←/→ walk, and the head of that queue (click to open a document). */
export function QueuePanel() {
  const { annotate, suggest } = useStores()
  const queue = useSuggest(selectQueue)
  const items = useSuggest(selectQueueItems)
  const total = useSuggest(selectQueueTotal)
  const source = useSuggest(selectSuggestSource)
  const position = useSuggest(selectQueuePosition)
  const offset = useSuggest(selectQueueOffset)
  const currentId = useAnnotate(selectCurrent)?.id ?? null
  // A listed item's place wins; the last step's place holds for documents not listed.
  const headAt = items.findIndex((item) => item.documentId === currentId)
  const place = headAt >= 0 ? offset + headAt : position
  const model = source !== null && source !== 'imported'
  return (
    <section className="queue-panel" aria-label="Queue">
      <label className="inline-field">
        <span>Order</span>
        <select
          className="input"
          aria-label="Queue"
          value={queue}
          onChange={(e) => void suggest.getState().setQueue(e.target.value as QueueName)}
        >
          {Object.entries(QUEUE_NAMES).map(([name, text]) => (
            <option key={name} value={name}>
              {text}
            </option>
          ))}
        </select>
      </label>
      {needsModel(queue) && !model ? (
        <p className="hint">Choose model suggestions to order by this queue.</p>
      ) : queue === 'file' ? null : (
        <>
          <p className="hint" aria-live="polite">
            {total === null
              ? 'Loading…'
              : `${place !== null ? `${place + 1} of ` : ''}${total} document${total === 1 ? '' : 's'} in this queue; ←/→ follow it`}
          </p>
          <ol className="queue-list" aria-label="Queue head" start={offset + 1}>
            {items.map((item) => (
              <li
                key={item.documentId}
                aria-current={item.documentId === currentId ? 'true' : undefined}
              >
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => void annotate.getState().goTo(item.documentId)}
                >
                  #{item.documentId}
                </button>
                {item.score !== null ? (
                  <span className="hint"> {scoreText(queue, item.score)}</span>
                ) : null}
                {item.reason ? <span className="queue-reason"> — {item.reason}</span> : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
