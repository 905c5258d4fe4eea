import type { Stores } from '../../stores'

/** Opens one document on the Annotate screen (it takes the request when it mounts). */
export function openInAnnotate(stores: Stores, datasetId: string, documentId: number): void {
  stores.annotate.getState().requestOpen(datasetId, documentId)
  stores.ui.getState().navigate('annotate')
}
