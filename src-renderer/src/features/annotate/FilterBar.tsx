import { useEffect, useState, type RefObject } from 'react'
import type { Split } from '@api/dto'
import {
  selectAnnotateDataset,
  selectCounts,
  selectFilter,
  selectIndexing,
} from '../../stores/annotate/selectors'
import type { StatusFilter } from '../../stores/annotate/state'
import { useAnnotate, useStores } from '../../stores/hooks'

const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'unlabeled', label: 'Unlabeled' },
  { value: 'labeled', label: 'Labeled' },
]

const SPLITS: (Split | 'none')[] = ['train', 'dev', 'test', 'none']

const SEARCH_DEBOUNCE_MS = 250

/** Moves the focus to the open document's text (the labelling keys work from there). */
export function focusDocument(): void {
  document.querySelector<HTMLElement>('.doc-text')?.focus({ preventScroll: true })
}

export function FilterBar({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { annotate } = useStores()
  const filter = useAnnotate(selectFilter)
  const counts = useAnnotate(selectCounts)
  const dataset = useAnnotate(selectAnnotateDataset)
  const indexing = useAnnotate(selectIndexing)
  const [query, setQuery] = useState(filter.query)

  useEffect(() => {
    if (query === annotate.getState().filter.query) return
    const timer = setTimeout(
      () => void annotate.getState().setFilter({ query }),
      SEARCH_DEBOUNCE_MS,
    )
    return () => clearTimeout(timer)
  }, [query, annotate])

  const statusCount = (status: StatusFilter) =>
    counts ? (status === 'all' ? counts.all : counts[status]) : null

  return (
    <div className="filter-bar">
      <div className="status-filter" role="group" aria-label="Status filter">
        {STATUSES.map((s) => {
          const n = statusCount(s.value)
          return (
            <button
              key={s.value}
              type="button"
              className="filter-chip"
              aria-pressed={filter.status === s.value}
              onClick={() => void annotate.getState().setFilter({ status: s.value })}
            >
              {s.label}
              {n !== null ? <span className="filter-count">{n}</span> : null}
            </button>
          )
        })}
      </div>
      <select
        className="input"
        aria-label="Label filter"
        value={filter.labelId ?? ''}
        onChange={(e) =>
          void annotate
            .getState()
            .setFilter({ labelId: e.target.value === '' ? null : Number(e.target.value) })
        }
      >
        <option value="">Any label</option>
        {(dataset?.labels ?? []).map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({counts?.byLabel[l.id] ?? l.count})
          </option>
        ))}
      </select>
      <select
        className="input"
        aria-label="Split filter"
        value={filter.split ?? ''}
        onChange={(e) =>
          void annotate.getState().setFilter({
            split: e.target.value === '' ? null : (e.target.value as Split | 'none'),
          })
        }
      >
        <option value="">Any split</option>
        {SPLITS.map((s) => (
          <option key={s} value={s}>
            {s === 'none' ? 'No split' : s} ({counts?.bySplit[s] ?? 0})
          </option>
        ))}
      </select>
      <input
        ref={searchRef}
        type="search"
        className="input filter-search"
        aria-label="Search documents"
        placeholder="Search  ( / )"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void annotate.getState().setFilter({ query })
          if (e.key !== 'Escape' && e.key !== 'Enter') return
          // Esc leaves the box keeping the filter (a search input would clear itself); the
          // document takes the focus so labelling goes on where it was.
          e.preventDefault()
          focusDocument()
        }}
      />
      {query ? (
        <button
          type="button"
          className="button button-small"
          aria-label="Clear search"
          onClick={() => setQuery('')}
        >
          Clear
        </button>
      ) : null}
      {filter.query.trim() && indexing !== null && (
        <span className="filter-indexing" role="status" title="Results are complete, only slower">
          indexing… {indexing} %
        </span>
      )}
    </div>
  )
}
