import type { HandlersFor } from '../dispatcher'
import type { PredictingService } from './predicting.service'
import type { PredictTemplates } from './templates'

export const predictingHandlers = (s: PredictingService) =>
  ({
    'predict.preview': (p) => s.preview(p.source),
    'predict.start': (p) => s.start(p),
    'predict.sample': (p) => s.sample(p.taskId, p.perLabel, p.label),
    'predict.stats': (p) => s.stats(p.taskId),
    'predict.outputs': (p) => s.outputs(p.taskId),
  }) satisfies HandlersFor<
    'predict.preview' | 'predict.start' | 'predict.sample' | 'predict.stats' | 'predict.outputs'
  >

export const templateHandlers = (t: PredictTemplates) =>
  ({
    'predict.listTemplates': () => t.list(),
    'predict.saveTemplate': (p) => t.save(p.name, p.params),
    'predict.deleteTemplate': (p) => t.delete(p.id),
  }) satisfies HandlersFor<
    'predict.listTemplates' | 'predict.saveTemplate' | 'predict.deleteTemplate'
  >
