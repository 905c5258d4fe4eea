import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createSuggestActions, type SuggestActions } from './actions'
import { getInitialSuggestState, type SuggestState } from './state'

export type SuggestStore = SuggestState & SuggestActions

export function createSuggestStore(deps: SliceDeps) {
  return createStore<SuggestStore>()((set, get) => ({
    ...getInitialSuggestState(),
    ...createSuggestActions(set, get, deps),
  }))
}
