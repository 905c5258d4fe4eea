import type { TaskSummary } from '@api/dto'
import type { GetState, SetState, SliceDeps } from '../types'
import { mergeTasks } from './merge'
import type { TaskCommand, TasksState } from './state'

export interface TasksActions {
  /** Reloads the recent tasks (on drawer open, at boot, after a reconnect). */
  refresh(): Promise<void>
  /** Applies a pushed task.updated. */
  applyUpdate(task: TaskSummary): void
  abort(id: string): Promise<void>
  resume(id: string): Promise<void>
}

/** How many recent tasks the drawer asks for. */
export const RECENT_TASKS_LIMIT = 50

export function createTasksActions(
  set: SetState<TasksState & TasksActions>,
  get: GetState<TasksState & TasksActions>,
  { api, report }: SliceDeps,
): TasksActions {
  const command = async (id: string, kind: TaskCommand) => {
    if (get().pending[id]) return
    set({ pending: { ...get().pending, [id]: kind } })
    try {
      const method = kind === 'abort' ? 'tasks.abort' : 'tasks.resume'
      const task = await api.call(method, { id })
      get().applyUpdate(task)
    } catch (error) {
      report.error(error)
    } finally {
      const { [id]: _done, ...rest } = get().pending
      set({ pending: rest })
    }
  }

  return {
    async refresh() {
      set({ loading: true })
      try {
        const tasks = await api.call('tasks.list', { limit: RECENT_TASKS_LIMIT })
        // Keep tasks we know of that fell off the list only if they are still newer than it.
        set({ tasks: mergeTasks(get().tasks, tasks), loaded: true })
      } catch (error) {
        report.error(error)
      } finally {
        set({ loading: false })
      }
    },
    applyUpdate(task) {
      set({ tasks: mergeTasks(get().tasks, [task]) })
    },
    abort: (id) => command(id, 'abort'),
    resume: (id) => command(id, 'resume'),
  }
}
