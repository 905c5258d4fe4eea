import type { Sqlite } from '../db/sqlite'
import type { ApiErrorData } from '../../api/errors'
import type { TaskDetail, TaskProgress, TaskStatus, TaskSummary } from '../../api/contract/tasks'
import type { TaskOwner } from './owner'

interface TaskRow {
  id: string
  kind: string
  title: string
  status: TaskStatus
  config: string
  progress: string | null
  stats: string | null
  checkpoint: string | null
  error: string | null
  created_at: number
  started_at: number | null
  finished_at: number | null
  updated_at: number
  peak_rss: number | null
  owner_pid: number | null
  owner_host: string | null
  owner_start: string | null
  heartbeat_at: number | null
  abort_requested: number
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T))
const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value)

export interface NewTask {
  id: string
  kind: string
  title: string
  config: unknown
}

export type TaskPatch = Partial<{
  status: TaskStatus
  progress: TaskProgress | null
  stats: unknown
  checkpoint: unknown
  error: ApiErrorData | null
  startedAt: number | null
  finishedAt: number | null
  peakRss: number | null
}>

const columnOf: Record<keyof TaskPatch, string> = {
  status: 'status',
  progress: 'progress',
  stats: 'stats',
  checkpoint: 'checkpoint',
  error: 'error',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  peakRss: 'peak_rss',
}
const jsonColumns = new Set<keyof TaskPatch>(['progress', 'stats', 'checkpoint', 'error'])

/** Rows owned by `owner` only: a run that another process took over writes nothing more. */
const OWNED = 'owner_pid = @pid AND owner_host = @host AND owner_start IS @start'
const RESUMABLE = `status IN ('ABORTED', 'FAILURE', 'INTERRUPTED')`
const owned = (owner: TaskOwner) => ({ pid: owner.pid, host: owner.host, start: owner.start })

/** SQL for the tasks table, nothing else. */
export function createTasksRepo(db: Sqlite) {
  // Started tasks are RUNNING and owned from their first write: no other process sees them unowned.
  const insert = db.prepare(
    `INSERT INTO tasks (id, kind, title, status, config, created_at, updated_at, started_at,
                        owner_pid, owner_host, owner_start, heartbeat_at)
     VALUES (@id, @kind, @title, 'RUNNING', @config, @now, @now, @now, @pid, @host, @start, @now)`,
  )
  const byId = db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE id = ?')
  const unfinished = db.prepare<[number], TaskRow>(
    `SELECT * FROM tasks WHERE status IN ('RUNNING', 'PENDING')
     AND (heartbeat_at IS NULL OR heartbeat_at < ?)`,
  )
  const interrupt = db.prepare(
    `UPDATE tasks SET status = 'INTERRUPTED', updated_at = @now, finished_at = @now, error = @error,
       owner_pid = NULL, owner_host = NULL, owner_start = NULL
     WHERE id = @id AND status IN ('RUNNING', 'PENDING')
       AND owner_pid IS @ownerPid AND heartbeat_at IS @heartbeatAt`,
  )
  const claim = db.prepare(
    `UPDATE tasks SET status = 'RUNNING', started_at = @now, finished_at = NULL, error = NULL,
       updated_at = @now, owner_pid = @pid, owner_host = @host, owner_start = @start,
       heartbeat_at = @now, abort_requested = 0
     WHERE id = @id AND ${RESUMABLE}`,
  )
  const requestAbort = db.prepare(
    `UPDATE tasks SET abort_requested = 1 WHERE id = ? AND status IN ('RUNNING', 'PENDING')`,
  )

  return {
    /** A new task, RUNNING and owned by `owner`. */
    insert(task: NewTask, owner: TaskOwner, now: number): void {
      insert.run({ ...task, config: JSON.stringify(task.config ?? {}), now, ...owned(owner) })
    },

    get(id: string): TaskRow | undefined {
      return byId.get(id)
    },

    list(filter: { status?: TaskStatus; kind?: string; limit: number }): TaskRow[] {
      const where: string[] = []
      const args: (string | number)[] = []
      if (filter.status) {
        where.push('status = ?')
        args.push(filter.status)
      }
      if (filter.kind) {
        where.push('kind = ?')
        args.push(filter.kind)
      }
      const sql = `SELECT * FROM tasks ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                   ORDER BY created_at DESC, rowid DESC LIMIT ?`
      return db.prepare<unknown[], TaskRow>(sql).all(...args, filter.limit)
    },

    /**
     * Writes `patch`; with `owner`, only while that process still owns the row, and `release` then
     * clears the owner (the task is finished). Returns whether a row was written.
     */
    update(id: string, patch: TaskPatch, now: number, owner?: TaskOwner, release = false): boolean {
      const keys = (Object.keys(patch) as (keyof TaskPatch)[]).filter((k) => patch[k] !== undefined)
      const sets = keys.map((k) => `${columnOf[k]} = @${k}`)
      if (release) sets.push('owner_pid = NULL, owner_host = NULL, owner_start = NULL')
      const values: Record<string, unknown> = { id, now, ...(owner ? owned(owner) : {}) }
      for (const k of keys) values[k] = jsonColumns.has(k) ? json(patch[k]) : patch[k]
      const where = owner ? `id = @id AND ${OWNED}` : 'id = @id'
      const sql = `UPDATE tasks SET ${[...sets, 'updated_at = @now'].join(', ')} WHERE ${where}`
      return db.prepare(sql).run(values).changes > 0
    },

    /** Takes a finished task over for this process (RUNNING again); false if another got there first. */
    claim(id: string, owner: TaskOwner, now: number): boolean {
      return claim.run({ id, now, ...owned(owner) }).changes > 0
    },

    /**
     * Proof of life for the tasks `owner` runs. A row another process marked INTERRUPTED while its
     * owner lived (versions before owner start times) is RUNNING again. Returns the ids another
     * process asked to abort, and those `owner` no longer owns (taken over: this run must stop).
     */
    heartbeat(
      ids: readonly string[],
      owner: TaskOwner,
      now: number,
    ): { abort: string[]; lost: string[] } {
      if (ids.length === 0) return { abort: [], lost: [] }
      const marks = ids.map((_, i) => `@id${i}`).join(',')
      const values: Record<string, unknown> = { now, ...owned(owner) }
      ids.forEach((id, i) => (values[`id${i}`] = id))
      db.prepare(
        `UPDATE tasks SET heartbeat_at = @now,
           error = CASE WHEN status = 'INTERRUPTED' THEN NULL ELSE error END,
           finished_at = CASE WHEN status = 'INTERRUPTED' THEN NULL ELSE finished_at END,
           status = CASE WHEN status = 'INTERRUPTED' THEN 'RUNNING' ELSE status END
         WHERE id IN (${marks}) AND ${OWNED}`,
      ).run(values)
      const rows = db
        .prepare<Record<string, unknown>, { id: string; abort: number; mine: number }>(
          `SELECT id, abort_requested AS abort, (${OWNED}) AS mine FROM tasks WHERE id IN (${marks})`,
        )
        .all(values)
      const mine = new Set(rows.filter((r) => r.mine).map((r) => r.id))
      return {
        abort: rows.filter((r) => r.mine && r.abort).map((r) => r.id),
        lost: ids.filter((id) => !mine.has(id)),
      }
    },

    requestAbort(id: string): void {
      requestAbort.run(id)
    },

    /** Rows that may still need their files: running, or finished in a status that can resume. */
    unsettled(): TaskRow[] {
      return db
        .prepare<[], TaskRow>(
          `SELECT * FROM tasks WHERE status IN ('RUNNING', 'PENDING') OR ${RESUMABLE}`,
        )
        .all()
    },

    /** Whether any task's config contains `text` (a file name). */
    mentions(text: string): boolean {
      return (
        db.prepare('SELECT 1 FROM tasks WHERE instr(config, ?) > 0 LIMIT 1').get(text) !== undefined
      )
    },

    /** RUNNING or PENDING rows whose heartbeat is missing or older than `staleBefore`. */
    unfinished(staleBefore: number): TaskRow[] {
      return unfinished.all(staleBefore)
    },

    /** Crash recovery: `row` is INTERRUPTED unless someone claimed or beat for it since it was read. */
    interrupt(row: TaskRow, message: string, now: number): boolean {
      const error = JSON.stringify({ code: 'INTERRUPTED', message })
      const guard = { ownerPid: row.owner_pid, heartbeatAt: row.heartbeat_at }
      return interrupt.run({ id: row.id, now, error, ...guard }).changes > 0
    },
  }
}

export type TasksRepo = ReturnType<typeof createTasksRepo>
export type { TaskRow }

export function toSummary(row: TaskRow, resumable: boolean): TaskSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    progress: parse<TaskProgress>(row.progress),
    error: parse<ApiErrorData>(row.error),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    peakRssBytes: row.peak_rss,
    resumable,
  }
}

export function toDetail(row: TaskRow, resumable: boolean): TaskDetail {
  return {
    ...toSummary(row, resumable),
    config: parse(row.config),
    stats: parse(row.stats),
    checkpoint: parse(row.checkpoint),
    updatedAt: row.updated_at,
  }
}
