import { useEffect, useState } from 'react'
import { formatCount } from '../../lib/format'
import { useStores, usePick } from '../../stores/hooks'
import { LabelBars } from './LabelBars'

/** Typing waits this long before the list is asked again. */
const SEARCH_DEBOUNCE_MS = 200

export function DatasetList() {
  const { datasets: store } = useStores()
  const { datasets, loaded, selectedId, query } = usePick('datasets', [
    'datasets',
    'loaded',
    'selectedId',
    'query',
  ])
  const [text, setText] = useState(query)

  useEffect(() => {
    if (text === store.getState().query) return
    const timer = setTimeout(() => void store.getState().setQuery(text), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, store])

  return (
    <section className="panel dataset-list-panel" aria-label="Dataset list">
      <input
        type="search"
        className="input"
        placeholder="Search by name or description"
        aria-label="Search datasets"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {loaded && datasets.length === 0 ? (
        <p className="hint">
          {query
            ? 'No dataset matches this search.'
            : 'No datasets yet: create one or import a file.'}
        </p>
      ) : null}
      <ul className="dataset-list" aria-label="Datasets">
        {datasets.map((d) => {
          const selected = d.id === selectedId
          return (
            <li key={d.id} className={`dataset-item${selected ? ' dataset-item-selected' : ''}`}>
              <button
                type="button"
                className="dataset-item-button"
                aria-current={selected ? 'true' : undefined}
                onClick={() => void store.getState().select(d.id)}
              >
                <span className="dataset-item-name">{d.name}</span>
                <span className="dataset-item-counts">
                  {formatCount(d.documentCount)} documents · {formatCount(d.labeledCount)} labeled ·{' '}
                  {d.labelMode === 'single' ? 'single-label' : 'multi-label'}
                </span>
              </button>
              <LabelBars labels={d.labels} total={d.documentCount} />
            </li>
          )
        })}
      </ul>
    </section>
  )
}
