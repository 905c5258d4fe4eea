import type { HandlersFor } from '../dispatcher'
import type { PredictingService } from './predicting.service'

export const predictingHandlers = (s: PredictingService) =>
  ({
    'predict.preview': (p) => s.preview(p.source),
    'predict.start': (p) => s.start(p),
    'predict.sample': (p) => s.sample(p.taskId, p.perLabel, p.label),
    'predict.stats': (p) => s.stats(p.taskId),
  }) satisfies HandlersFor<'predict.preview' | 'predict.start' | 'predict.sample' | 'predict.stats'>
