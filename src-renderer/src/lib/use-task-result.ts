import { useEffect, useState } from 'react'
import type { TaskDetail, TaskSummary } from '@api/dto'
import { useApi, useTasks } from '../stores/hooks'
import { isFinished } from '../stores/tasks/merge'

export interface TaskResult {
  /** The latest snapshot (live from task.updated pushes). */
  task: TaskSummary | null
  /** The finished task with its stats; null until it ends. */
  detail: TaskDetail | null
}

/** How often a started task is polled in case a push was missed (a reconnect in between). */
const POLL_MS = 1500

interface Fetched {
  taskId: string
  shown: TaskDetail
}

/** Follows one task to its end and fetches its stats (import/export reports) when it finishes. */
export function useTaskResult(taskId: string | null): TaskResult {
  const api = useApi()
  const live = useTasks((s) => (taskId ? s.tasks.find((t) => t.id === taskId) : undefined))
  const [fetched, setFetched] = useState<Fetched | null>(null)
  const liveFinished = live ? isFinished(live) : false

  useEffect(() => {
    if (!taskId) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | null = null
    const poll = async () => {
      try {
        const shown = await api.call('tasks.show', { id: taskId })
        if (stopped) return
        setFetched({ taskId, shown })
        if (isFinished(shown)) return
      } catch {
        // The next poll tries again; the live push may still arrive.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS)
    }
    // A push saying it finished fetches the stats at once rather than at the next poll.
    timer = setTimeout(() => void poll(), liveFinished ? 0 : 200)
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [api, taskId, liveFinished])

  const shown = fetched && fetched.taskId === taskId ? fetched.shown : null
  const detail = shown && isFinished(shown) ? shown : null
  return { task: detail ?? live ?? shown, detail }
}
