import { createStore } from 'zustand/vanilla'
import type { SliceDeps } from '../types'
import { createTasksActions, type TasksActions } from './actions'
import { getInitialTasksState, type TasksState } from './state'

export type TasksStore = TasksState & TasksActions

export function createTasksStore(deps: SliceDeps) {
  return createStore<TasksStore>()((set, get) => ({
    ...getInitialTasksState(),
    ...createTasksActions(set, get, deps),
  }))
}
