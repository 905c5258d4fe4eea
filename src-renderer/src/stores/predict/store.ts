import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createPredictActions, type PredictActions } from './actions'
import { getInitialPredictState, type PredictState } from './state'
import { createTemplateActions, type TemplateActions } from './templates'

export type PredictStore = PredictState & PredictActions & TemplateActions

export function createPredictStore(deps: SliceDeps) {
  return createStore<PredictStore>()((set, get) => ({
    ...getInitialPredictState(),
    ...createPredictActions(set, get, deps),
    ...createTemplateActions(set, get, deps),
  }))
}
