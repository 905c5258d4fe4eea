import type { ApiClient } from '../../api/client'
import type { DocumentDetail, DocumentFilter } from '@api/dto'
import type { GetState, SetState } from '../types'
import { indexOfDocument, withRowLabels } from './selectors'
import type { AnnotateState } from './state'
import { createLocator } from './locate'
import { createNeighbors } from './neighbors'

/**
 * Showing documents and walking the list: the current document, its place in the list, its
 * prefetched neighbours, the next unlabeled one. The actions compose these in their key order.
 */
export function createNavigation(
  api: ApiClient,
  get: GetState<AnnotateState>,
  set: SetState<AnnotateState>,
  apiFilter: () => DocumentFilter,
) {
  const neighbors = createNeighbors(api, get, apiFilter)
  const locate = createLocator(api, get, set, apiFilter)

  /** Shows a document; resolves once its place in the list is known (see locate). */
  const show = async (document: DocumentDetail, position: number | null) => {
    const known = indexOfDocument(get().pages, document.id) ?? position
    set({ current: document, position: known, notice: null })
    neighbors.prefetch(document.id)
    if (known === null) await locate(document.id)
  }

  /** Keeps a listed row's labels in step with a change made here. */
  const patchRow = (documentId: number, labelIds: number[]) => {
    const pages = withRowLabels(get().pages, documentId, labelIds)
    if (pages) set({ pages })
  }

  /** Shows the first document of the list (used when the dataset opens or the filter changes). */
  const showFirst = async (preferUnlabeled: boolean) => {
    const datasetId = get().datasetId
    if (!datasetId) return
    const version = get().listVersion
    const first =
      (preferUnlabeled
        ? await api.call('annotation.step', {
            datasetId,
            direction: 'next',
            filter: { ...apiFilter(), status: 'unlabeled' },
          })
        : null) ??
      (await api.call('annotation.step', { datasetId, direction: 'next', filter: apiFilter() }))
    if (get().datasetId !== datasetId || get().listVersion !== version) return
    if (first) await show(first.document, preferUnlabeled ? null : first.position)
    else set({ current: null, position: null, notice: 'No document matches this filter.' })
  }

  const showDocument = async (documentId: number) => {
    const datasetId = get().datasetId
    if (!datasetId) return
    await show(await api.call('annotation.getDocument', { datasetId, documentId }), null)
  }

  const advanceUnlabeled = async () => {
    const current = get().current
    if (!current) return showFirst(true)
    let step = await neighbors.get('unlabeled', current.id)
    // The prefetch ran before this document was labeled: it may have wrapped back to it.
    if (step && (step.document.id === current.id || step.document.labelIds.length > 0)) {
      step = await neighbors.fetch('unlabeled', current.id)
    }
    if (step && step.document.id !== current.id) await show(step.document, null)
    else set({ notice: 'Every document is labeled.' })
  }

  /** ←/→ in the list's own order. */
  const moveInList = async (direction: 'next' | 'previous') => {
    const current = get().current
    if (!current) return showFirst(false)
    const version = get().listVersion
    const step = await neighbors.get(direction, current.id)
    if (get().listVersion !== version) return
    if (step) await show(step.document, step.position)
    else
      set({
        notice: direction === 'next' ? 'This is the last document.' : 'This is the first document.',
      })
  }

  return { neighbors, show, patchRow, showFirst, showDocument, advanceUnlabeled, moveInList }
}

export type Navigation = ReturnType<typeof createNavigation>
