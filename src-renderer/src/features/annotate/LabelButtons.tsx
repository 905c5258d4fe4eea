import { textColorOn } from '../../lib/contrast'
import { selectAnnotateDataset, selectCurrent } from '../../stores/annotate/selectors'
import { useAnnotate, useStores } from '../../stores/hooks'

/** One button per label; the key that toggles it is shown on it. */
export function LabelButtons() {
  const { annotate } = useStores()
  const dataset = useAnnotate(selectAnnotateDataset)
  const current = useAnnotate(selectCurrent)
  if (!dataset) return null
  if (dataset.labels.length === 0) {
    return <p className="hint">This dataset has no labels yet: add them on the Datasets screen.</p>
  }
  const suggestions = new Map((current?.suggestions ?? []).map((s) => [s.labelId, s.score]))
  return (
    <div
      className="label-buttons"
      role="group"
      aria-label={dataset.labelMode === 'single' ? 'Label (one per document)' : 'Labels'}
    >
      {dataset.labels.map((label) => {
        const on = current?.labelIds.includes(label.id) ?? false
        const suggested = suggestions.has(label.id)
        const score = suggestions.get(label.id)
        return (
          <button
            key={label.id}
            type="button"
            className={`label-button${on ? ' label-button-on' : ''}${suggested ? ' label-button-suggested' : ''}`}
            style={{
              ['--label-color' as string]: label.color,
              ['--label-text' as string]: textColorOn(label.color),
            }}
            aria-pressed={on}
            aria-label={label.name}
            aria-keyshortcuts={label.shortcut ?? undefined}
            disabled={!current}
            // Clicking must not take focus: the keyboard keeps working right after a click.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void annotate.getState().pressLabel(label.id)}
            title={
              suggested
                ? `Suggested${score !== null && score !== undefined ? ` (${score.toFixed(2)})` : ''}`
                : undefined
            }
          >
            {label.shortcut ? <kbd aria-hidden="true">{label.shortcut}</kbd> : null}
            <span aria-hidden="true">{label.name}</span>
          </button>
        )
      })}
    </div>
  )
}
