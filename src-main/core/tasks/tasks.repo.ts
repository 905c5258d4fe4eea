import type { Sqlite } from '../db/sqlite'
import type { ApiErrorData } from '../../api/errors'
import type { TaskDetail, TaskProgress, TaskStatus, TaskSummary } from '../../api/contract/tasks'

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

/** SQL for the tasks table, nothing else. */
export function createTasksRepo(db: Sqlite) {
  const insert = db.prepare(
    `INSERT INTO tasks (id, kind, title, status, config, created_at, updated_at)
     VALUES (@id, @kind, @title, 'PENDING', @config, @now, @now)`,
  )
  const byId = db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE id = ?')
  const interruptStale = db.prepare(
    `UPDATE tasks SET status = 'INTERRUPTED', updated_at = @now, finished_at = @now, error = @error
     WHERE status IN ('RUNNING', 'PENDING') AND (heartbeat_at IS NULL OR heartbeat_at < @staleBefore)`,
  )
  const claim = db.prepare(
    `UPDATE tasks SET owner_pid = ?, heartbeat_at = ?, abort_requested = 0 WHERE id = ?`,
  )
  const requestAbort = db.prepare(
    `UPDATE tasks SET abort_requested = 1 WHERE id = ? AND status IN ('RUNNING', 'PENDING')`,
  )

  return {
    insert(task: NewTask, now: number): void {
      insert.run({ ...task, config: JSON.stringify(task.config ?? {}), now })
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

    update(id: string, patch: TaskPatch, now: number): void {
      const keys = (Object.keys(patch) as (keyof TaskPatch)[]).filter((k) => patch[k] !== undefined)
      const sets = keys.map((k) => `${columnOf[k]} = @${k}`)
      const values: Record<string, unknown> = { id, now }
      for (const k of keys) values[k] = jsonColumns.has(k) ? json(patch[k]) : patch[k]
      db.prepare(
        `UPDATE tasks SET ${[...sets, 'updated_at = @now'].join(', ')} WHERE id = @id`,
      ).run(values)
    },

    /** Marks the task as run by this process from now on, clearing any old abort request. */
    claim(id: string, pid: number, now: number): void {
      claim.run(pid, now, id)
    },

    /** Proof of life for the tasks this process runs; returns those another process asked to abort. */
    heartbeat(ids: readonly string[], now: number): string[] {
      if (ids.length === 0) return []
      const marks = ids.map(() => '?').join(',')
      db.prepare(`UPDATE tasks SET heartbeat_at = ? WHERE id IN (${marks})`).run(now, ...ids)
      return db
        .prepare<string[], { id: string }>(
          `SELECT id FROM tasks WHERE abort_requested = 1 AND id IN (${marks})`,
        )
        .all(...ids)
        .map((r) => r.id)
    },

    requestAbort(id: string): void {
      requestAbort.run(id)
    },

    /** Crash recovery: tasks whose process stopped beating are interrupted. */
    interruptStale(now: number, staleBefore: number): number {
      const error = JSON.stringify({
        code: 'INTERRUPTED',
        message:
          'The app stopped while this task ran. Resume it to continue from its last checkpoint.',
      })
      return interruptStale.run({ now, staleBefore, error }).changes
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
