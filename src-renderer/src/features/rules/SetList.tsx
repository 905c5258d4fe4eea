import type { ReactNode } from 'react'

interface SetListProps<T extends { id: string; name: string }> {
  sets: readonly T[]
  selectedId: string | null
  /** Shown when there is no set yet. */
  empty: string
  /** The hint after a set's name ("keyword · 12 rules"). */
  detail: (set: T) => ReactNode
  onOpen: (id: string) => void
}

/** The saved sets of a Rules tab, the open one marked current. */
export function SetList<T extends { id: string; name: string }>(props: SetListProps<T>) {
  const { sets, selectedId, empty, detail, onOpen } = props
  return (
    <>
      {sets.length === 0 ? <p className="hint">{empty}</p> : null}
      <ul className="rl-set-list">
        {sets.map((s) => (
          <li key={s.id}>
            <button type="button" aria-current={s.id === selectedId} onClick={() => onOpen(s.id)}>
              {s.name}
              <span className="hint"> · {detail(s)}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  )
}
