import type { TaskSummary } from '@api/dto'
import { isActive } from './merge'
import type { TasksState } from './state'

export const selectTasks = (s: TasksState) => s.tasks
export const selectTasksLoaded = (s: TasksState) => s.loaded
export const selectActiveCount = (s: TasksState) => s.tasks.filter(isActive).length
export const selectPending = (id: string) => (s: TasksState) => s.pending[id]

export const canAbort = (task: TaskSummary) => isActive(task)
export const canResume = (task: TaskSummary) => task.resumable && !isActive(task)
