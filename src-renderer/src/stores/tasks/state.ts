import type { TaskSummary } from '@api/dto'

export type TaskCommand = 'abort' | 'resume'

export interface TasksState {
  /** Newest first, as tasks.list returns them. */
  tasks: TaskSummary[]
  /** True once the first tasks.list answered. */
  loaded: boolean
  loading: boolean
  /** A command in flight per task id, so its button can show it and not be clicked twice. */
  pending: Record<string, TaskCommand>
}

export const getInitialTasksState = (): TasksState => ({
  tasks: [],
  loaded: false,
  loading: false,
  pending: {},
})
