import { ApiError } from '../../api/errors'
import type { TaskDetail, TaskProgress, TaskStatus, TaskSummary } from '../../api/contract/tasks'
import type { Sqlite } from '../db/sqlite'
import type { EventBus } from '../events'
import { taskNotFound, toApiErrorData } from '../errors'
import { newId } from '../ids'
import { createTasksRepo, toDetail, toSummary, type TaskPatch } from './tasks.repo'
import { createProgressMeter } from './progress-meter'

/** What a running task sees. */
export interface TaskContext<Config = unknown, Checkpoint = unknown> {
  id: string
  config: Config
  /** The checkpoint saved by an earlier run of this task, when resuming. */
  checkpoint: Checkpoint | null
  signal: AbortSignal
  /** Throttled: call as often as you like. */
  progress(progress: TaskProgress): void
  /** Persists the checkpoint (and live stats) synchronously: after this returns, a crash resumes here. */
  saveCheckpoint(checkpoint: Checkpoint, stats?: unknown): void
}

export interface TaskKind<Config = unknown, Checkpoint = unknown, Stats = unknown> {
  kind: string
  /** Resumable kinds continue from their checkpoint after abort, failure or a crash. */
  resumable: boolean
  run(ctx: TaskContext<Config, Checkpoint>): Promise<Stats>
}

export interface TaskRegistryOptions {
  db: Sqlite
  events: EventBus
  now?: () => number
  /** Minimum milliseconds between two progress pushes of one task. */
  progressIntervalMs?: number
  log?: (error: unknown) => void
  /** How often running tasks prove they are alive and look for abort requests from other processes. */
  heartbeatMs?: number
  /** A RUNNING task whose heartbeat is older than this belongs to a dead process. */
  staleMs?: number
}

interface Running {
  controller: AbortController
  done: Promise<void>
}

const RESUMABLE_FROM: readonly TaskStatus[] = ['ABORTED', 'FAILURE', 'INTERRUPTED']
const SHUTDOWN = Symbol('shutdown')

/** A task that succeeded did all its work, even if its last progress message was still in flight. */
function completed(progress: TaskProgress | null): TaskProgress | null {
  if (!progress || progress.total === undefined) return progress
  return { ...progress, done: progress.total, ratio: 1, etaMs: 0 }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits for `promise` at most `ms`, without keeping the process alive afterwards. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

export const newTaskId = newId

/** Every long job is a task row plus, while it runs, an AbortController. */
export function createTaskRegistry(options: TaskRegistryOptions) {
  const { db, events } = options
  const now = options.now ?? Date.now
  const repo = createTasksRepo(db)
  const kinds = new Map<string, TaskKind<never, never, unknown>>()
  const running = new Map<string, Running>()
  const heartbeatMs = options.heartbeatMs ?? 1000
  const staleMs = options.staleMs ?? 5 * heartbeatMs
  const recover = () => {
    if (repo.interruptStale(now(), now() - staleMs) > 0) events.emit('tasks.recovered', {})
  }
  recover()
  const beat = setInterval(() => {
    for (const id of repo.heartbeat([...running.keys()], now())) {
      running.get(id)?.controller.abort(new ApiError('ABORTED', 'Aborted from another window.'))
    }
  }, heartbeatMs)
  beat.unref()

  const isResumable = (kind: string) => kinds.get(kind)?.resumable ?? false
  const summaryOf = (id: string): TaskSummary => {
    const row = repo.get(id)
    if (!row) throw taskNotFound(id)
    return toSummary(row, isResumable(row.kind) && RESUMABLE_FROM.includes(row.status))
  }
  const patch = (id: string, change: TaskPatch) => {
    repo.update(id, change, now())
    events.emit('task.updated', summaryOf(id))
  }

  function execute(id: string, kind: TaskKind<never, never, unknown>): void {
    const row = repo.get(id)
    if (!row) throw taskNotFound(id)
    const controller = new AbortController()
    const meter = createProgressMeter(now, options.progressIntervalMs ?? 200)
    let peakRss = process.memoryUsage.rss()
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250)
    sampler.unref()
    let trailing: NodeJS.Timeout | undefined

    const ctx: TaskContext = {
      id,
      config: JSON.parse(row.config) as unknown,
      checkpoint: row.checkpoint === null ? null : (JSON.parse(row.checkpoint) as unknown),
      signal: controller.signal,
      progress: (p) => {
        const shown = meter.next(p)
        if (shown) return patch(id, { progress: shown })
        // A throttled report is published later, so a task that pauses still shows where it is.
        trailing ??= setTimeout(() => {
          trailing = undefined
          const latest = meter.flush()
          if (latest && running.has(id)) patch(id, { progress: latest })
        }, meter.waitMs())
        trailing.unref()
      },
      saveCheckpoint: (checkpoint, stats) => repo.update(id, { checkpoint, stats }, now()),
    }

    repo.claim(id, process.pid, now())
    patch(id, { status: 'RUNNING', startedAt: now(), finishedAt: null, error: null })
    const done = (async () => {
      try {
        const stats = await kind.run(ctx as TaskContext<never, never>)
        const finalProgress = completed(meter.last())
        if (controller.signal.aborted) throw controller.signal.reason
        patch(id, {
          status: 'SUCCESS',
          stats,
          ...(finalProgress ? { progress: finalProgress } : {}),
          finishedAt: now(),
          peakRss: Math.max(peakRss, process.memoryUsage.rss()),
        })
      } catch (error) {
        finishWithError(id, controller.signal, error, meter.last(), peakRss)
      } finally {
        clearInterval(sampler)
        clearTimeout(trailing)
        running.delete(id)
      }
    })()
    running.set(id, { controller, done })
  }

  function finishWithError(
    id: string,
    signal: AbortSignal,
    error: unknown,
    progress: TaskProgress | null,
    peakRss: number,
  ): void {
    const common = { finishedAt: now(), peakRss, ...(progress ? { progress } : {}) }
    if (signal.aborted && signal.reason === SHUTDOWN) {
      const message = 'The app closed while this task ran. Resume it to continue.'
      patch(id, { status: 'INTERRUPTED', error: { code: 'INTERRUPTED', message }, ...common })
    } else if (signal.aborted) {
      const message = 'Aborted by the user. Work committed before the abort is kept.'
      patch(id, { status: 'ABORTED', error: { code: 'ABORTED', message }, ...common })
    } else {
      patch(id, { status: 'FAILURE', error: toApiErrorData(error, options.log), ...common })
    }
  }

  return {
    define<C, K, S>(kind: TaskKind<C, K, S>): void {
      kinds.set(kind.kind, kind)
    },

    /** Creates the task row and starts it at once. */
    start(kindName: string, config: unknown, title: string): TaskSummary {
      const kind = kinds.get(kindName)
      if (!kind) throw new ApiError('INTERNAL', `No task kind "${kindName}" is registered.`)
      const id = newTaskId()
      repo.insert({ id, kind: kindName, title, config }, now())
      execute(id, kind)
      return summaryOf(id)
    },

    list(filter: { status?: TaskStatus; kind?: string; limit: number }): TaskSummary[] {
      recover()
      return repo
        .list(filter)
        .map((row) => toSummary(row, isResumable(row.kind) && RESUMABLE_FROM.includes(row.status)))
    },

    show(id: string): TaskDetail {
      recover()
      const row = repo.get(id)
      if (!row) throw taskNotFound(id)
      return toDetail(row, isResumable(row.kind) && RESUMABLE_FROM.includes(row.status))
    },

    /** Aborts and waits (up to `waitMs`) for the task to settle. */
    async abort(id: string, waitMs = 5000): Promise<TaskSummary> {
      const current = summaryOf(id)
      const run = running.get(id)
      if (run) {
        run.controller.abort(new ApiError('ABORTED', 'Aborted by the user.'))
        await within(run.done, waitMs)
        return summaryOf(id)
      }
      if (current.status !== 'RUNNING' && current.status !== 'PENDING') return current
      // Another process (the desktop app, the bridge, a CLI run) owns it: ask through the database.
      repo.requestAbort(id)
      const deadline = now() + waitMs
      while (now() < deadline) {
        await sleep(100)
        recover()
        const latest = summaryOf(id)
        if (latest.status !== 'RUNNING' && latest.status !== 'PENDING') return latest
      }
      return summaryOf(id)
    },

    resume(id: string): TaskSummary {
      const row = repo.get(id)
      if (!row) throw taskNotFound(id)
      const kind = kinds.get(row.kind)
      if (!kind?.resumable) {
        throw new ApiError(
          'INVALID_STATE',
          `Tasks of kind "${row.kind}" cannot be resumed; start a new one.`,
        )
      }
      if (!RESUMABLE_FROM.includes(row.status)) {
        throw new ApiError(
          'INVALID_STATE',
          `Task ${id} is ${row.status}; only ABORTED, FAILURE or INTERRUPTED tasks can be resumed.`,
        )
      }
      execute(id, kind)
      return summaryOf(id)
    },

    /** Resolves when the task is no longer running in this process. */
    async settled(id: string): Promise<TaskSummary> {
      await running.get(id)?.done
      return summaryOf(id)
    },

    runningCount: () => running.size,

    /** Stops every running task as INTERRUPTED (resumable on next start). */
    async close(): Promise<void> {
      clearInterval(beat)
      for (const run of running.values()) run.controller.abort(SHUTDOWN)
      await Promise.allSettled([...running.values()].map((r) => r.done))
    },
  }
}

export type TaskRegistry = ReturnType<typeof createTaskRegistry>
