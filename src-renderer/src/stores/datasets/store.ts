import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createDatasetsActions, type DatasetsActions } from './actions'
import { getInitialDatasetsState, type DatasetsState } from './state'

export type DatasetsStore = DatasetsState & DatasetsActions

export function createDatasetsStore(deps: SliceDeps) {
  return createStore<DatasetsStore>()((set, get) => ({
    ...getInitialDatasetsState(),
    ...createDatasetsActions(set, get, deps),
  }))
}
