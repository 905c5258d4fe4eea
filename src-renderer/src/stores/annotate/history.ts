import type { ApiClient } from '../../api/client'
import { countOf } from '../../lib/plural'
import type { GetState, SetState } from '../types'
import type { Navigation } from './navigation'
import type { AnnotateState } from './state'

/** Undo and redo within the session: the changed document is shown with its restored labels. */
export function createHistory(
  api: ApiClient,
  get: GetState<AnnotateState>,
  set: SetState<AnnotateState>,
  nav: Navigation,
  changed: () => void,
  /** Re-reads the list, counts and document: a bulk step changed many rows at once. */
  refresh: () => Promise<void>,
) {
  return async (direction: 'undo' | 'redo') => {
    const { datasetId, sessionId } = get()
    if (!datasetId) return
    const step = await api.call(direction === 'undo' ? 'annotation.undo' : 'annotation.redo', {
      datasetId,
      sessionId,
    })
    if (!step) {
      set({ notice: direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.' })
      return
    }
    nav.neighbors.clear()
    set({ undoable: step.undoable, redoable: step.redoable })
    if (step.batchSize !== undefined) {
      await refresh()
      const verb = direction === 'undo' ? 'Undid' : 'Redid'
      set({ notice: `${verb} the bulk change to ${countOf(step.batchSize, 'document')}.` })
      return
    }
    nav.patchRow(step.documentId, step.labelIds)
    const current = get().current
    if (current?.id === step.documentId) {
      await nav.show({ ...current, labelIds: step.labelIds }, get().position)
    } else {
      await nav.show(
        await api.call('annotation.getDocument', { datasetId, documentId: step.documentId }),
        null,
      )
    }
    set({
      notice: `${direction === 'undo' ? 'Undid' : 'Redid'} the change to document ${step.documentId}.`,
    })
    changed()
  }
}
