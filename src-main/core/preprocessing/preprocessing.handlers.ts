import type { HandlersFor } from '../dispatcher'
import type { PreprocessingService } from './preprocessing.service'

export const preprocessingHandlers = (s: PreprocessingService) =>
  ({
    'preprocessing.listSets': () => s.list(),
    'preprocessing.saveSet': (p) => s.save(p),
    'preprocessing.deleteSet': (p) => s.remove(p.id),
    'preprocessing.testSet': (p) => s.test(p),
  }) satisfies HandlersFor<
    | 'preprocessing.listSets'
    | 'preprocessing.saveSet'
    | 'preprocessing.deleteSet'
    | 'preprocessing.testSet'
  >
