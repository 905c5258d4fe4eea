import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createRulesActions, type RulesActions } from './actions'
import { getInitialRulesState, type RulesState } from './state'

export type RulesStore = RulesState & RulesActions

export function createRulesStore(deps: SliceDeps) {
  return createStore<RulesStore>()((set, get) => ({
    ...getInitialRulesState(),
    ...createRulesActions(set, get, deps),
  }))
}
