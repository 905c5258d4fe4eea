import { FINISHED_TASK_STATUSES } from '@api/contract/tasks'
import type { TaskSummary } from '@api/dto'

/** How many tasks the drawer keeps in memory. */
export const MAX_TASKS = 100

export const isActive = (task: Pick<TaskSummary, 'status'>) =>
  task.status === 'RUNNING' || task.status === 'PENDING'

export const isFinished = (task: Pick<TaskSummary, 'status'>) =>
  FINISHED_TASK_STATUSES.includes(task.status)

/**
 * Which of two snapshots of one task is more recent. A list answer can be overtaken by a live event
 * (or the reverse), and TaskSummary has no version, so use what only moves forward: finishing,
 * starting, and progress. A resumed task leaves a finished state, which its startedAt shows.
 */
export function newerSnapshot(a: TaskSummary, b: TaskSummary): TaskSummary {
  if ((a.startedAt ?? 0) !== (b.startedAt ?? 0))
    return (a.startedAt ?? 0) > (b.startedAt ?? 0) ? a : b
  if (isFinished(a) !== isFinished(b)) return isFinished(a) ? a : b
  if ((a.finishedAt ?? 0) !== (b.finishedAt ?? 0))
    return (a.finishedAt ?? 0) > (b.finishedAt ?? 0) ? a : b
  return (b.progress?.done ?? 0) >= (a.progress?.done ?? 0) ? b : a
}

const byNewest = (a: TaskSummary, b: TaskSummary) =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

/** Adds or replaces tasks by id, keeps the newest snapshot of each, newest task first. */
export function mergeTasks(current: readonly TaskSummary[], incoming: readonly TaskSummary[]) {
  const byId = new Map(current.map((t) => [t.id, t]))
  for (const task of incoming) {
    const known = byId.get(task.id)
    byId.set(task.id, known ? newerSnapshot(known, task) : task)
  }
  return [...byId.values()].sort(byNewest).slice(0, MAX_TASKS)
}
