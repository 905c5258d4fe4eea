import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createModelsActions, type ModelsActions } from './actions'
import { getInitialModelsState, type ModelsState } from './state'

export type ModelsStore = ModelsState & ModelsActions

export function createModelsStore(deps: SliceDeps) {
  return createStore<ModelsStore>()((set, get) => ({
    ...getInitialModelsState(),
    ...createModelsActions(set, get, deps),
  }))
}
