import type { HandlersFor } from '../dispatcher'
import type { ReviewFromPredict } from './review'
import type { SuggestionService } from './suggestions.service'

type SuggestionMethod =
  | 'suggestions.compute'
  | 'suggestions.sources'
  | 'suggestions.forDocument'
  | 'suggestions.accept'
  | 'suggestions.queue'
  | 'suggestions.queueStep'
  | 'suggestions.retrain'
  | 'suggestions.learningCurve'
  | 'suggestions.freshStatus'
  | 'suggestions.setFresh'
  | 'suggestions.reviewFromPredict'
  | 'suggestions.reviewCount'

export const suggestionHandlers = (s: SuggestionService, review: ReviewFromPredict) =>
  ({
    'suggestions.compute': (p) => s.compute(p.datasetId, p.modelVersionId),
    'suggestions.sources': (p) => s.sources(p.datasetId),
    'suggestions.forDocument': (p) => s.forDocument(p.datasetId, p.documentId, p.modelVersion),
    'suggestions.accept': (p) => s.accept(p.datasetId, p.documentId, p.modelVersion, p.sessionId),
    'suggestions.queue': (p) => s.queue(p),
    'suggestions.queueStep': (p) => s.queueStep(p),
    'suggestions.retrain': (p) => s.retrain(p.datasetId),
    'suggestions.learningCurve': (p) => s.learningCurve(p.datasetId),
    'suggestions.freshStatus': (p) => s.freshStatus(p.datasetId),
    'suggestions.setFresh': (p) => s.setFresh(p.datasetId, p.every),
    'suggestions.reviewFromPredict': (p) => review.review(p),
    'suggestions.reviewCount': (p) => review.count(p),
  }) satisfies HandlersFor<SuggestionMethod>
