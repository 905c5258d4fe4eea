import type { MethodName } from '../../api/methods'
import type { HandlersFor } from '../dispatcher'
import type { RulesService } from './rules.service'

export const ruleHandlers = (s: RulesService) =>
  ({
    'rules.listSets': () => s.list(),
    'rules.getSet': (p) => s.get(p.id),
    'rules.saveSet': (p) => s.save(p),
    'rules.deleteSet': (p) => s.remove(p.id),
    'rules.importFiles': (p) => s.importFiles(p),
    'rules.exportFiles': (p) => s.exportFiles(p.id),
    'rules.workbench': (p) => s.workbench(p),
  }) satisfies HandlersFor<Extract<MethodName, `rules.${string}`>>
