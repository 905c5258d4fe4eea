import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createPredictActions, type PredictActions } from './actions'
import { getInitialPredictState, type PredictState } from './state'

export type PredictStore = PredictState & PredictActions

export function createPredictStore(deps: SliceDeps) {
  return createStore<PredictStore>()((set, get) => ({
    ...getInitialPredictState(),
    ...createPredictActions(set, get, deps),
  }))
}
