import type { ApiClient } from '../../api/client'
import type { BulkLabelResult, DocumentFilter } from '@api/dto'
import type { GetState, SetState } from '../types'
import { indexOfDocument, rowAt } from './selectors'
import type { Navigation } from './navigation'
import type { AnnotateState } from './state'

/** What a bulk action changes: the documents matching the list's filter, or the selection. */
export type BulkScope = 'matching' | 'selection'

export interface BulkRequest {
  labelId: number
  action: 'add' | 'remove'
  scope: BulkScope
  /** The count the user confirmed; the core refuses (CONFLICT) when the target matches another. */
  expectedCount: number
}

export interface BulkOutcome extends BulkLabelResult {
  /** The session's undo depth right after the action: the action is the last step while equal. */
  step: number
}

export interface BulkActions {
  /**
   * Ticks or unticks a document in the selection; with `range`, every listed document between the
   * last ticked one and this one takes this one's new state.
   */
  toggleSelected(documentId: number, range?: boolean): void
  clearSelection(): void
  /** Applies the action in one call (one undo step), then refreshes the list, counts and document. */
  bulkLabel(request: BulkRequest): Promise<BulkOutcome>
  /** Undoes a bulk action while it is still the session's last step (the toast's Undo). */
  undoBulk(step: number): Promise<void>
}

interface BulkDeps {
  api: ApiClient
  get: GetState<AnnotateState & { undo(): Promise<void> }>
  set: SetState<AnnotateState>
  nav: Navigation
  apiFilter: () => DocumentFilter
  /** Re-reads the list (a new version), the counts and the open document. */
  refresh: () => Promise<void>
}

/** The listed document ids between two list positions, both included (loaded pages only). */
function idsBetween(pages: AnnotateState['pages'], from: number, to: number): number[] {
  const ids: number[] = []
  for (let index = Math.min(from, to); index <= Math.max(from, to); index++) {
    const row = rowAt(pages, index)
    if (row) ids.push(row.id)
  }
  return ids
}

export function createBulk({ api, get, set, nav, apiFilter, refresh }: BulkDeps): BulkActions {
  let anchor: number | null = null
  return {
    toggleSelected(documentId, range = false) {
      const { selection, pages } = get()
      const on = !selection.includes(documentId)
      const from = range && anchor !== null ? indexOfDocument(pages, anchor) : null
      const to = indexOfDocument(pages, documentId)
      const ids = from !== null && to !== null ? idsBetween(pages, from, to) : [documentId]
      const rest = selection.filter((id) => !ids.includes(id))
      set({ selection: on ? [...rest, ...ids] : rest })
      anchor = documentId
    },

    clearSelection() {
      anchor = null
      set({ selection: [] })
    },

    async bulkLabel({ labelId, action, scope, expectedCount }) {
      const { datasetId, sessionId, selection } = get()
      if (!datasetId) throw new Error('No dataset is open.')
      const target = scope === 'selection' ? { documentIds: selection } : { filter: apiFilter() }
      const result = await api.call('annotation.bulkLabel', {
        datasetId,
        sessionId,
        labelId,
        action,
        target,
        expectedCount,
      })
      if (result.changed > 0) {
        set({ undoable: get().undoable + 1, redoable: 0, edits: get().edits + result.changed })
      }
      nav.neighbors.clear()
      await refresh()
      return { ...result, step: get().undoable }
    },

    async undoBulk(step) {
      if (get().undoable !== step) {
        set({
          notice:
            get().undoable > step
              ? 'Other changes came after that bulk action: use Undo (Ctrl+Z) to step back to it.'
              : 'That bulk action is already undone.',
        })
        return
      }
      await get().undo()
    },
  }
}
