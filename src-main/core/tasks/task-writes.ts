import { ApiError } from '../../api/errors'
import type { TaskProgress } from '../../api/contract/tasks'
import { toApiErrorData } from '../errors'
import type { TaskOwner } from './owner'
import type { TaskPatch, TasksRepo } from './tasks.repo'

export interface TaskWritesDeps {
  repo: TasksRepo
  owner: TaskOwner
  now: () => number
  log: (error: unknown) => void
  /** Pushes the row's new state to listeners. */
  updated: (id: string) => void
}

/**
 * The writes a run makes: none of them may take the process down. A full disk fails the task through
 * its checkpoint; progress and heartbeats are skipped while it lasts; the last write (the final
 * status) is retried once, then on every heartbeat until it lands.
 */
export function createTaskWrites({ repo, owner, now, log, updated }: TaskWritesDeps) {
  const failing = new Set<string>()
  const unwritten = new Map<string, TaskPatch>()

  /** Logs the first of a run of failures of `what`; returns whether `write` went through. */
  function guarded(what: string, write: () => void): boolean {
    try {
      write()
      failing.delete(what)
      return true
    } catch (error) {
      if (!failing.has(what)) log(new Error(`Task registry: ${what} failed.`, { cause: error }))
      failing.add(what)
      return false
    }
  }

  const writeEnd = (id: string, change: TaskPatch) =>
    guarded(`recording the end of task ${id}`, () => {
      if (repo.update(id, change, now(), owner, true)) updated(id)
    })

  return {
    guarded,

    progress(id: string, progress: TaskProgress): void {
      guarded(`progress of task ${id}`, () => {
        if (repo.update(id, { progress }, now(), owner)) updated(id)
      })
    },

    /** False when another process owns the task now; throws (mapped, e.g. a full disk) when the write fails. */
    checkpoint(id: string, checkpoint: unknown, stats: unknown, diskFullThen: string): boolean {
      try {
        return repo.update(id, { checkpoint, stats }, now(), owner)
      } catch (error) {
        throw ApiError.fromData(toApiErrorData(error, log, diskFullThen))
      }
    },

    /** The task's last write, releasing it. Never throws. */
    finish(id: string, change: TaskPatch): void {
      if (writeEnd(id, change) || writeEnd(id, change)) return
      unwritten.set(id, change)
    },

    /** Retries the last writes that failed. */
    retry(): void {
      for (const [id, change] of unwritten) if (writeEnd(id, change)) unwritten.delete(id)
    },
  }
}
