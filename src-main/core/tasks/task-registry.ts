import { ApiError } from '../../api/errors'
import type { TaskDetail, TaskProgress, TaskStatus, TaskSummary } from '../../api/contract/tasks'
import type { Sqlite } from '../db/sqlite'
import type { EventBus } from '../events'
import { taskNotFound, toApiErrorData } from '../errors'
import { newId } from '../ids'
import { currentOwner, heldBy, isStale, ownerHolds, type Liveness } from './owner'
import { createTasksRepo, toDetail, toSummary, type TaskRow } from './tasks.repo'
import { createProgressMeter } from './progress-meter'
import { createTaskWrites } from './task-writes'

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

export interface TaskKind<
  Config = unknown,
  Checkpoint = unknown,
  Stats = unknown,
  Name extends string = string,
> {
  kind: Name
  /** Resumable kinds continue from their checkpoint after abort, failure or a crash. */
  resumable: boolean
  run(ctx: TaskContext<Config, Checkpoint>): Promise<Stats>
}

/** What a kind's tasks are started with, report when done, and save to resume. */
export interface KindTypes {
  config: unknown
  stats: unknown
  checkpoint: unknown
}

/** A registry's kinds: name → KindTypes (the core's map is TaskKinds in ./task-kinds). */
export type KindMap<Kinds> = { [N in keyof Kinds]: KindTypes }

/** Any kind at all: registries built by tests that define their own. */
export type AnyTaskKinds = Record<string, KindTypes>

/** The definition of kind `N` of a map, as `define` takes it. */
export type TaskKindOf<Kinds extends KindMap<Kinds>, N extends keyof Kinds & string> = TaskKind<
  Kinds[N]['config'],
  Kinds[N]['checkpoint'],
  Kinds[N]['stats'],
  N
>

/** A task's detail with the types of its kind. */
export type TaskDetailOf<Kinds extends KindMap<Kinds>, N extends keyof Kinds & string> = Omit<
  TaskDetail,
  'kind' | 'config' | 'stats' | 'checkpoint'
> & {
  kind: N
  config: Kinds[N]['config']
  stats: Kinds[N]['stats'] | null
  checkpoint: Kinds[N]['checkpoint'] | null
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
  /** A RUNNING task whose heartbeat is older than this, and whose owner process is gone, is INTERRUPTED. */
  staleMs?: number
  /** Where only an owner's pid can be checked (not Linux): how long a live pid may stay silent. */
  silenceMs?: number
}

interface Running {
  controller: AbortController
  done: Promise<void>
}

const RESUMABLE_FROM: readonly TaskStatus[] = ['ABORTED', 'FAILURE', 'INTERRUPTED']
const SHUTDOWN = Symbol('shutdown')
/** Another process took the task over: this run stops and writes nothing more. */
const LOST = Symbol('lost')

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

/**
 * Every long job is a task row plus, while it runs, an AbortController. `Kinds` types what each kind
 * is started with and returns; the core passes TaskKinds.
 */
export function createTaskRegistry<Kinds extends KindMap<Kinds> = AnyTaskKinds>(
  options: TaskRegistryOptions,
) {
  const { db, events } = options
  const now = options.now ?? Date.now
  const log = options.log ?? ((error: unknown) => console.error(error))
  const repo = createTasksRepo(db)
  const owner = currentOwner()
  const kinds = new Map<string, TaskKind<never, never, unknown>>()
  const running = new Map<string, Running>()
  const heartbeatMs = options.heartbeatMs ?? 1000
  const staleMs = options.staleMs ?? 5 * heartbeatMs
  const limits: Liveness = { staleMs, silenceMs: options.silenceMs ?? Math.max(600_000, staleMs) }

  const isResumable = (kind: string) => kinds.get(kind)?.resumable ?? false
  const canResume = (row: TaskRow) => isResumable(row.kind) && RESUMABLE_FROM.includes(row.status)
  const again = (kind: string) =>
    isResumable(kind) ? 'Resume it to continue from its last checkpoint.' : 'Start it again.'
  const summaryOf = (id: string): TaskSummary => {
    const row = repo.get(id)
    if (!row) throw taskNotFound(id)
    return toSummary(row, canResume(row))
  }
  const updated = (id: string) => events.emit('task.updated', summaryOf(id))
  const writes = createTaskWrites({ repo, owner, now, log, updated })
  const { guarded } = writes

  const recover = () =>
    guarded('crash recovery', () => {
      let changed = 0
      for (const row of repo.unfinished(now() - staleMs)) {
        if (!isStale(row, now(), limits)) continue
        const message = `The app stopped while this task ran. ${again(row.kind)}`
        if (repo.interrupt(row, message, now())) changed++
      }
      if (changed > 0) events.emit('tasks.recovered', {})
    })

  const beat = setInterval(() => {
    writes.retry()
    guarded('heartbeat', () => {
      const answer = repo.heartbeat([...running.keys()], owner, now())
      for (const id of answer.abort) {
        running.get(id)?.controller.abort(new ApiError('ABORTED', 'Aborted from another window.'))
      }
      for (const id of answer.lost) running.get(id)?.controller.abort(LOST)
    })
  }, heartbeatMs)
  beat.unref()

  function execute(row: TaskRow, kind: TaskKind<never, never, unknown>): void {
    const { id } = row
    const controller = new AbortController()
    const meter = createProgressMeter(now, options.progressIntervalMs ?? 200)
    const diskFullThen = kind.resumable ? 'resume the task' : 'start it again'
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
        if (shown) return writes.progress(id, shown)
        // A throttled report is published later, so a task that pauses still shows where it is.
        trailing ??= setTimeout(() => {
          trailing = undefined
          const latest = meter.flush()
          if (latest && running.has(id)) writes.progress(id, latest)
        }, meter.waitMs())
        trailing.unref()
      },
      saveCheckpoint: (checkpoint, stats) => {
        if (!writes.checkpoint(id, checkpoint, stats, diskFullThen)) {
          controller.abort(LOST)
          throw new ApiError('ABORTED', `Another process took task ${id} over; this run stopped.`)
        }
      },
    }

    guarded(`announcing task ${id}`, () => updated(id))
    const done = (async () => {
      try {
        const stats = await kind.run(ctx as TaskContext<never, never>)
        const finalProgress = completed(meter.last())
        if (controller.signal.aborted) throw controller.signal.reason
        writes.finish(id, {
          status: 'SUCCESS',
          stats,
          error: null,
          ...(finalProgress ? { progress: finalProgress } : {}),
          finishedAt: now(),
          peakRss: Math.max(peakRss, process.memoryUsage.rss()),
        })
      } catch (error) {
        const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined
        if (reason === LOST) {
          log(new Error(`Task ${id} was taken over by another process; this run stopped.`))
          return
        }
        const common = {
          finishedAt: now(),
          peakRss,
          ...(meter.last() ? { progress: meter.last() } : {}),
        }
        if (reason === SHUTDOWN) {
          const message = `The app closed while this task ran. ${again(kind.kind)}`
          writes.finish(id, {
            status: 'INTERRUPTED',
            error: { code: 'INTERRUPTED', message },
            ...common,
          })
        } else if (controller.signal.aborted) {
          const message = 'Aborted by the user. Work committed before the abort is kept.'
          writes.finish(id, { status: 'ABORTED', error: { code: 'ABORTED', message }, ...common })
        } else {
          const data = toApiErrorData(error, log, diskFullThen)
          writes.finish(id, { status: 'FAILURE', error: data, ...common })
        }
      } finally {
        clearInterval(sampler)
        clearTimeout(trailing)
        running.delete(id)
      }
    })()
    running.set(id, { controller, done })
  }

  return {
    define<N extends keyof Kinds & string>(kind: TaskKindOf<Kinds, N>): void {
      kinds.set(kind.kind, kind)
    },

    /** Creates the task row and starts it at once. */
    start<N extends keyof Kinds & string>(
      kindName: N,
      config: Kinds[N]['config'],
      title: string,
    ): TaskSummary {
      const kind = kinds.get(kindName)
      if (!kind) throw new ApiError('INTERNAL', `No task kind "${kindName}" is registered.`)
      const id = newTaskId()
      repo.insert({ id, kind: kindName, title, config }, owner, now())
      const row = repo.get(id)
      if (!row) throw taskNotFound(id)
      execute(row, kind)
      return summaryOf(id)
    },

    list(filter: { status?: TaskStatus; kind?: string; limit: number }): TaskSummary[] {
      recover()
      return repo.list(filter).map((row) => toSummary(row, canResume(row)))
    },

    show(id: string): TaskDetail {
      recover()
      const row = repo.get(id)
      if (!row) throw taskNotFound(id)
      return toDetail(row, canResume(row))
    },

    /** The detail of a task that must be of kind `kindName` (INVALID_STATE otherwise). */
    showOfKind<N extends keyof Kinds & string>(id: string, kindName: N): TaskDetailOf<Kinds, N> {
      recover()
      const row = repo.get(id)
      if (!row) throw taskNotFound(id)
      if (row.kind !== kindName) {
        throw new ApiError('INVALID_STATE', `Task ${id} is a ${row.kind} task, not ${kindName}.`)
      }
      // Rows of this kind were written by start/saveCheckpoint/finish with the kind's types.
      return toDetail(row, canResume(row)) as TaskDetailOf<Kinds, N>
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
      recover()
      const row = repo.get(id)
      if (!row) throw taskNotFound(id)
      // Whatever its status says (an older version may have marked it INTERRUPTED), a live owner has it.
      if (running.has(id) || ownerHolds(row, now(), limits)) throw heldBy(row)
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
      if (!repo.claim(id, owner, now())) {
        throw new ApiError('INVALID_STATE', `Task ${id} was just resumed by another process.`)
      }
      execute(row, kind)
      return summaryOf(id)
    },

    /** Marks tasks whose process is gone INTERRUPTED; call once every kind is defined. */
    recover,

    /** Whether any task's config mentions `text` (a file name). */
    mentions: (text: string) => repo.mentions(text),

    /** Tasks that may still need their files: running in a live process, or able to resume. */
    holding(): { id: string; config: string }[] {
      const at = now()
      return repo
        .unsettled()
        .filter((row) =>
          row.status === 'RUNNING' || row.status === 'PENDING'
            ? !isStale(row, at, limits)
            : canResume(row),
        )
        .map((row) => ({ id: row.id, config: row.config }))
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
      writes.retry()
    },
  }
}

export type TaskRegistry<Kinds extends KindMap<Kinds> = AnyTaskKinds> = ReturnType<
  typeof createTaskRegistry<Kinds>
>
