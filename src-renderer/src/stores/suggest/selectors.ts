import type { SuggestState } from './state'

export const selectSuggestSources = (s: SuggestState) => s.sources
export const selectSuggestSource = (s: SuggestState) => s.source
export const selectSuggestions = (s: SuggestState) => s.suggestions
export const selectSuggestDocumentId = (s: SuggestState) => s.documentId
export const selectMislabelReason = (s: SuggestState) => s.reason
export const selectQueue = (s: SuggestState) => s.queue
export const selectQueueItems = (s: SuggestState) => s.queueItems
export const selectQueueTotal = (s: SuggestState) => s.queueTotal
export const selectComputing = (s: SuggestState) => s.computeTaskId !== null
export const selectQueuePosition = (s: SuggestState) => s.queuePosition
export const selectFresh = (s: SuggestState) => s.fresh
export const selectFreshEvery = (s: SuggestState) => s.freshEvery
export const selectRetraining = (s: SuggestState) => s.retrainTaskId !== null
export const selectCurve = (s: SuggestState) => s.curve
export const selectSinceRetrain = (s: SuggestState) => s.sinceRetrain
export const selectQueueOffset = (s: SuggestState) => s.queueOffset
