import type { LearningPoint, QueueItem, QueueName, Suggestion, SuggestionSource } from '@api/dto'

import { DEFAULT_FRESH_EVERY } from './fresh'

/** Documents of the queue the panel shows at a time. */
export const QUEUE_PAGE = 20

export interface SuggestState {
  datasetId: string | null
  sources: SuggestionSource[]
  /** The chosen source: a model version id, 'imported', or null (no suggestions shown). */
  source: string | null
  /** The document whose suggestions are loaded. */
  documentId: number | null
  suggestions: Suggestion[]
  /** Why the document is in the likely-mislabelled queue, when it is. */
  reason: string | null
  queue: QueueName
  queueItems: QueueItem[]
  queueTotal: number | null
  /** Place in the queue of the first listed item. */
  queueOffset: number
  /** 0-based place in the queue of the document ←/→ last reached, when known. */
  queuePosition: number | null
  /** The running suggestions.compute task this panel started. */
  computeTaskId: string | null
  /** Keep the model fresh: retrain after every `freshEvery` label changes. */
  fresh: boolean
  freshEvery: number
  /** Label changes counted since the last retrain (or since keep-fresh was turned on). */
  sinceRetrain: number
  /** The latest background retrain's training task, while it runs. */
  retrainTaskId: string | null
  /** The dataset's retrains, oldest first. */
  curve: LearningPoint[]
}

export const getInitialSuggestState = (): SuggestState => ({
  datasetId: null,
  sources: [],
  source: null,
  documentId: null,
  suggestions: [],
  reason: null,
  queue: 'file',
  queueItems: [],
  queueTotal: null,
  queueOffset: 0,
  queuePosition: null,
  computeTaskId: null,
  fresh: false,
  freshEvery: DEFAULT_FRESH_EVERY,
  sinceRetrain: 0,
  retrainTaskId: null,
  curve: [],
})
