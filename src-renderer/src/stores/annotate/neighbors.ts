import type { ApiClient } from '../../api/client'
import type { DocumentFilter, DocumentStep } from '@api/dto'
import type { GetState } from '../types'
import type { AnnotateState } from './state'

type Direction = 'next' | 'previous' | 'unlabeled'
type Prefetch = Promise<DocumentStep | null>

/**
 * The neighbours of the current document (next, previous, next unlabeled), fetched as soon as it
 * is shown so that a key press moves at once.
 */
export function createNeighbors(
  api: ApiClient,
  get: GetState<AnnotateState>,
  apiFilter: () => DocumentFilter,
) {
  const prefetched = new Map<string, Prefetch>()
  const keyOf = (kind: Direction, fromId: number) =>
    `${get().datasetId}|${get().listVersion}|${kind}|${fromId}`

  const fetch = (kind: Direction, fromId: number): Prefetch => {
    const datasetId = get().datasetId
    if (!datasetId) return Promise.resolve(null)
    return kind === 'unlabeled'
      ? api.call('annotation.nextUnlabeled', { datasetId, fromDocumentId: fromId })
      : api.call('annotation.step', {
          datasetId,
          fromDocumentId: fromId,
          direction: kind,
          filter: apiFilter(),
        })
  }

  return {
    fetch,
    clear: () => prefetched.clear(),
    prefetch(fromId: number) {
      prefetched.clear()
      for (const kind of ['next', 'unlabeled', 'previous'] as const) {
        const promise = fetch(kind, fromId)
        // A failed prefetch is simply fetched again when the user moves.
        promise.catch(() => prefetched.delete(keyOf(kind, fromId)))
        prefetched.set(keyOf(kind, fromId), promise)
      }
    },
    async get(kind: Direction, fromId: number) {
      const ready = prefetched.get(keyOf(kind, fromId))
      if (ready) {
        const step = await ready.catch(() => undefined)
        if (step !== undefined) return step
      }
      return fetch(kind, fromId)
    },
  }
}
