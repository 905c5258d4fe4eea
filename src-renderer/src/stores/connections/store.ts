import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createConnectionsActions, type ConnectionsActions } from './actions'
import { getInitialConnectionsState, type ConnectionsState } from './state'

export type ConnectionsStore = ConnectionsState & ConnectionsActions

export function createConnectionsStore(deps: SliceDeps) {
  return createStore<ConnectionsStore>()((set, get) => ({
    ...getInitialConnectionsState(),
    ...createConnectionsActions(set, get, deps),
  }))
}
