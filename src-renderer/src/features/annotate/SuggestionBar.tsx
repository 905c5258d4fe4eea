import { useEffect, useMemo } from 'react'
import { selectAnnotateDataset, selectCurrent } from '../../stores/annotate/selectors'
import { useAnnotate, usePick, useStores, useSuggest } from '../../stores/hooks'
import { versionChoices } from '../../lib/model-labels'
import {
  selectComputing,
  selectMislabelReason,
  selectSuggestDocumentId,
  selectSuggestions,
  selectSuggestSource,
  selectSuggestSources,
} from '../../stores/suggest/selectors'
import { useAcceptKey } from './use-accept-key'

const percent = (score: number | null) => (score === null ? '' : ` ${Math.round(score * 100)} %`)

/**
 * The model's labels for the shown document as suggestion chips (dashed, apart from the gold
 * label buttons), the source they come from, and Space to accept them.
 */
export function SuggestionBar() {
  const { annotate, suggest, models } = useStores()
  const { versions, loaded } = usePick('models', ['versions', 'loaded'])
  const labels = useMemo(() => versionChoices(versions), [versions])
  const dataset = useAnnotate(selectAnnotateDataset)
  const current = useAnnotate(selectCurrent)
  const sources = useSuggest(selectSuggestSources)
  const source = useSuggest(selectSuggestSource)
  const suggestions = useSuggest(selectSuggestions)
  const shownFor = useSuggest(selectSuggestDocumentId)
  const reason = useSuggest(selectMislabelReason)
  const computing = useSuggest(selectComputing)
  useAcceptKey()
  // Sources are labelled like versions everywhere else; the list reloads itself after trainings.
  useEffect(() => {
    if (!loaded) void models.getState().refresh()
  }, [models, loaded])

  const datasetId = dataset?.id ?? null
  useEffect(() => {
    void suggest.getState().open(datasetId)
  }, [suggest, datasetId])
  const currentId = current?.id ?? null
  const goldKey = current?.labelIds.join(',')
  useEffect(() => {
    void suggest.getState().show(currentId)
    // Gold changes move documents in and out of the queues.
    void suggest.getState().refreshQueue()
  }, [suggest, currentId, goldKey])

  if (!dataset) return null
  const names = new Map(dataset.labels.map((l) => [l.id, l.name]))
  const chips = shownFor === currentId ? suggestions : []
  const accept = () => {
    if (!source || !current) return
    void annotate
      .getState()
      .acceptSuggestion(source, () => suggest.getState().nextInQueue(current.id))
  }

  return (
    <section className="suggestion-bar" aria-label="Model suggestions">
      <label className="inline-field">
        <span>Suggestions</span>
        <select
          className="input"
          aria-label="Suggestions from"
          value={source ?? ''}
          onChange={(e) => void suggest.getState().chooseSource(e.target.value || null)}
        >
          <option value="">None</option>
          {sources.map((s) => {
            const version = labels.find((c) => c.value === s.modelVersion)
            return (
              <option key={s.modelVersion} value={s.modelVersion} title={version?.title}>
                {version?.label ?? s.name}
              </option>
            )
          })}
        </select>
      </label>
      <button
        type="button"
        className="button"
        disabled={computing}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => void suggest.getState().compute()}
      >
        {computing ? 'Computing suggestions…' : 'Suggest with the latest model'}
      </button>
      <ul className="suggestion-chips" aria-label="Suggested labels">
        {chips.map((s) => (
          <li key={s.labelId} className="suggestion-chip">
            {names.get(s.labelId) ?? `#${s.labelId}`}
            <span className="hint">{percent(s.score)}</span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button"
        aria-keyshortcuts="Space"
        disabled={chips.length === 0}
        onMouseDown={(e) => e.preventDefault()}
        onClick={accept}
      >
        Accept (Space)
      </button>
      {reason ? (
        <p className="suggestion-reason" role="note">
          Likely mislabelled: {reason}
        </p>
      ) : null}
    </section>
  )
}
