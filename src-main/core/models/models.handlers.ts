import type { MethodName } from '../../api/methods'
import type { HandlersFor } from '../dispatcher'
import type { ModelsService } from './models.service'

export const modelHandlers = (s: ModelsService) =>
  ({
    'models.list': () => s.list(),
    'models.get': (p) => s.get(p.id),
    'models.startTraining': (p) => s.startTraining(p),
    'models.startEvaluation': (p) => s.startEvaluation(p),
    'models.listEvaluations': (p) => s.listEvaluations(p.id),
    'models.getEvaluation': (p) => s.getEvaluation(p.evaluationId),
    'models.evaluationRows': (p) => s.evaluationRows(p),
    'models.exportEvaluation': (p) =>
      s.exportEvaluation(p.evaluationId, p.format, p.csvFlavour, p.path),
    'models.rename': (p) => s.rename(p.id, p.name),
    'models.setThreshold': (p) => s.setThreshold(p.id, p.label, p.threshold),
    'models.delete': (p) => s.remove(p.id),
    'models.exportFile': (p) => s.exportFile(p.id, p.path),
    'models.importFile': (p) => s.importFile(p),
    'models.exportTerms': (p) => s.exportTerms(p.id, p.path),
    'models.importTerms': (p) => s.importTerms(p),
    'models.compare': (p) => s.compare(p.a, p.b, p.limit),
  }) satisfies HandlersFor<Extract<MethodName, `models.${string}`>>
