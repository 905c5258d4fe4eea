import { getInitialAnnotateState } from './annotate/state'
import { getInitialConnectionsState } from './connections/state'
import { getInitialDatasetsState } from './datasets/state'
import type { Stores } from './index'
import { getInitialModelsState } from './models/state'
import { getInitialPredictState } from './predict/state'
import { getInitialRulesState } from './rules/state'
import { getInitialSuggestState } from './suggest/state'
import { getInitialSystemState } from './system/state'

const FIRST_STATES = {
  datasets: getInitialDatasetsState,
  suggest: getInitialSuggestState,
  rules: getInitialRulesState,
  models: getInitialModelsState,
  predict: getInitialPredictState,
  connections: getInitialConnectionsState,
  system: getInitialSystemState,
}
type Resettable = keyof typeof FIRST_STATES
type States = { [N in Resettable]: ReturnType<(typeof FIRST_STATES)[N]> }
/** The slices a screen can put back, and how each one starts. */
const INITIAL_STATE: { [N in Resettable]: () => States[N] } = FIRST_STATES
type ResettableSlices = { [N in Resettable]: { setState(state: States[N]): void } }

/** Which slices each screen shows (annotate's own slice keeps its session id, see below). */
const SCREEN_SLICES: Readonly<Record<string, readonly Resettable[]>> = {
  datasets: ['datasets'],
  annotate: ['suggest'],
  rules: ['rules'],
  models: ['models'],
  predict: ['predict'],
  connections: ['connections'],
  settings: ['system'],
}

const reset = <N extends Resettable>(slices: ResettableSlices, name: N) =>
  slices[name].setState(INITIAL_STATE[name]())

/**
 * Puts a screen's slice back to its first state, so that "Reload this screen" loads everything
 * afresh instead of rendering the data that made it fail again.
 */
export function resetScreenState(stores: Stores, screenId: string): void {
  if (screenId === 'annotate') {
    stores.annotate.setState(getInitialAnnotateState(stores.annotate.getState().sessionId))
  }
  for (const name of SCREEN_SLICES[screenId] ?? []) reset(stores, name)
}
