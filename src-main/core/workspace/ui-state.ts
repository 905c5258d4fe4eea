import { uiStateSchema, type WorkspaceUiState } from '../../api/contract/workspace'
import type { Sqlite } from '../db/sqlite'

type Key = keyof WorkspaceUiState
const KEYS = Object.keys(uiStateSchema.shape) as Key[]

/** The remembered UI state in the `ui_state` table, one JSON value per field. */
export function createUiStateStore(db: Sqlite, now = Date.now) {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM ui_state')
  const upsert = db.prepare(
    `INSERT INTO ui_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  )
  const remove = db.prepare('DELETE FROM ui_state WHERE key = ?')

  const get = (): WorkspaceUiState => {
    const state: Record<string, unknown> = {}
    for (const row of all.all()) {
      if (!(KEYS as string[]).includes(row.key)) continue
      // A value an older or newer app wrote that no longer fits is skipped, not fatal.
      const value: unknown = JSON.parse(row.value)
      const parsed = uiStateSchema.safeParse({ [row.key]: value })
      if (parsed.success) Object.assign(state, parsed.data)
    }
    return state
  }

  const set = db.transaction((patch: WorkspaceUiState) => {
    for (const key of KEYS) {
      if (!(key in patch)) continue
      const value = patch[key]
      if (value === null || value === undefined) remove.run(key)
      else upsert.run(key, JSON.stringify(value), now())
    }
  })

  return {
    get,
    /** Merges a validated patch; null forgets a field. Returns the whole state. */
    set(patch: WorkspaceUiState): WorkspaceUiState {
      set(patch)
      return get()
    },
  }
}

export type UiStateStore = ReturnType<typeof createUiStateStore>
