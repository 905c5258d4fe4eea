import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createAnnotateActions, type AnnotateActions } from './actions'
import { getInitialAnnotateState, newSessionId, type AnnotateState } from './state'

export type AnnotateStore = AnnotateState & AnnotateActions

export function createAnnotateStore(deps: SliceDeps) {
  return createStore<AnnotateStore>()((set, get) => ({
    ...getInitialAnnotateState(newSessionId()),
    ...createAnnotateActions(set, get, deps),
  }))
}
