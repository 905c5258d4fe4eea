import { getInitialAnnotateState } from './annotate/state'
import { getInitialConnectionsState } from './connections/state'
import { getInitialDatasetsState } from './datasets/state'
import type { Stores } from './index'
import { getInitialModelsState } from './models/state'
import { getInitialPredictState } from './predict/state'
import { getInitialRulesState } from './rules/state'
import { getInitialSuggestState } from './suggest/state'
import { getInitialSystemState } from './system/state'

/**
 * Puts a screen's slice back to its first state, so that "Reload this screen" loads everything
 * afresh instead of rendering the data that made it fail again.
 */
export function resetScreenState(stores: Stores, screenId: string): void {
  switch (screenId) {
    case 'datasets':
      stores.datasets.setState(getInitialDatasetsState())
      return
    case 'annotate':
      stores.annotate.setState(getInitialAnnotateState(stores.annotate.getState().sessionId))
      stores.suggest.setState(getInitialSuggestState())
      return
    case 'rules':
      stores.rules.setState(getInitialRulesState())
      return
    case 'models':
      stores.models.setState(getInitialModelsState())
      return
    case 'predict':
      stores.predict.setState(getInitialPredictState())
      return
    case 'connections':
      stores.connections.setState(getInitialConnectionsState())
      return
    case 'settings':
      stores.system.setState(getInitialSystemState())
      return
  }
}
