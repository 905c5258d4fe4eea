import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createSystemActions, type SystemActions } from './actions'
import { getInitialSystemState, type SystemState } from './state'

export type SystemStore = SystemState & SystemActions

export function createSystemStore(deps: SliceDeps) {
  return createStore<SystemStore>()((set, get) => ({
    ...getInitialSystemState(),
    ...createSystemActions(set, get, deps),
  }))
}
