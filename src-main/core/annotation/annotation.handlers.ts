import type { HandlersFor } from '../dispatcher'
import type { AnnotationService } from './annotation.service'

type AnnotationMethod =
  | 'annotation.listDocuments'
  | 'annotation.countDocuments'
  | 'annotation.getDocument'
  | 'annotation.step'
  | 'annotation.nextUnlabeled'
  | 'annotation.setLabels'
  | 'annotation.toggleLabel'
  | 'annotation.bulkLabel'
  | 'annotation.undo'
  | 'annotation.redo'
  | 'annotation.stats'

export const annotationHandlers = (s: AnnotationService) =>
  ({
    'annotation.listDocuments': (p) => s.listDocuments(p.datasetId, p.filter, p.offset, p.limit),
    'annotation.countDocuments': (p) => s.countDocuments(p.datasetId, p.query),
    'annotation.getDocument': (p) => s.getDocument(p.datasetId, p.documentId),
    'annotation.step': (p) => s.step(p.datasetId, p.fromDocumentId, p.direction, p.filter),
    'annotation.nextUnlabeled': (p) => s.nextUnlabeled(p.datasetId, p.fromDocumentId),
    'annotation.setLabels': (p) => s.setLabels(p.datasetId, p.documentId, p.labelIds, p.sessionId),
    'annotation.toggleLabel': (p) =>
      s.toggleLabel(p.datasetId, p.documentId, p.labelId, p.sessionId),
    'annotation.bulkLabel': (p) => s.bulkLabel(p),
    'annotation.undo': (p) => s.undo(p.datasetId, p.sessionId),
    'annotation.redo': (p) => s.redo(p.datasetId, p.sessionId),
    'annotation.stats': (p) => s.stats(p.datasetId, p.sessionId),
  }) satisfies HandlersFor<AnnotationMethod>
