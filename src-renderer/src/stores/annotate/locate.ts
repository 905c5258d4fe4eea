import type { ApiClient } from '../../api/client'
import type { DocumentFilter } from '@api/dto'
import type { GetState, SetState } from '../types'
import type { AnnotateState } from './state'

/**
 * Finds the place of a document reached outside the loaded part of the list (next unlabeled, a
 * link): it is the one after its predecessor in the filtered list, so the header shows "N of M" and
 * the list scrolls to it. A document outside the filter has no place.
 */
export function createLocator(
  api: ApiClient,
  get: GetState<AnnotateState>,
  set: SetState<AnnotateState>,
  apiFilter: () => DocumentFilter,
) {
  return async (documentId: number): Promise<void> => {
    const datasetId = get().datasetId
    if (!datasetId) return
    const base = { datasetId, filter: apiFilter() }
    try {
      const before = await api.call('annotation.step', {
        ...base,
        fromDocumentId: documentId,
        direction: 'previous',
      })
      const at = await api.call('annotation.step', {
        ...base,
        direction: 'next',
        ...(before ? { fromDocumentId: before.document.id } : {}),
      })
      const { current, position } = get()
      if (at?.document.id === documentId && current?.id === documentId && position === null) {
        set({ position: at.position, total: at.total })
      }
    } catch {
      // Without a position the header leaves out "N of M"; nothing else depends on it.
    }
  }
}
