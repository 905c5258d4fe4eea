import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createDatasetsActions, type DatasetsActions } from './actions'
import { getInitialDatasetsState, type DatasetsState } from './state'
import { createTransferActions, type TransferActions } from './transfer-actions'

export type DatasetsStore = DatasetsState & DatasetsActions & TransferActions

export function createDatasetsStore(deps: SliceDeps) {
  return createStore<DatasetsStore>()((set, get) => ({
    ...getInitialDatasetsState(),
    ...createDatasetsActions(set, get, deps),
    ...createTransferActions(set, get, deps),
  }))
}
