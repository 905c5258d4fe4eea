import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createModelsActions, type ModelsActions } from './actions'
import { getInitialModelsState, type ModelsState } from './state'
import { createTrainDataActions, type TrainDataActions } from './train-data-actions'

export type ModelsStore = ModelsState & ModelsActions & TrainDataActions

export function createModelsStore(deps: SliceDeps) {
  return createStore<ModelsStore>()((set, get) => ({
    ...getInitialModelsState(),
    ...createModelsActions(set, get, deps),
    ...createTrainDataActions(set, get, deps),
  }))
}
