import { afterEach, describe, expect, it } from 'vitest'
import type { TaskSummary } from '../../src-main/api/contract/tasks'
import { ApiError } from '../../src-main/api/errors'
import { openDatabase } from '../../src-main/core/db/sqlite'
import { createEventBus } from '../../src-main/core/events'
import { currentOwner } from '../../src-main/core/tasks/owner'
import {
  createTaskRegistry,
  type TaskContext,
  type TaskKind,
  type TaskRegistryOptions,
} from '../../src-main/core/tasks/task-registry'
import { startCrashChild, type CrashChild } from '../helpers/crash-child'
import { canMountSmallFs, mountSmallFs } from '../helpers/small-fs'
import { makeTempDir } from '../helpers/temp-dir'
import { join } from 'node:path'

const temps: (() => void)[] = []
const children: CrashChild[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill()))
  temps.splice(0).forEach((cleanup) => cleanup())
})

function setup(heartbeatMs = 50, extra: Partial<TaskRegistryOptions> = {}) {
  const temp = makeTempDir()
  temps.push(temp.cleanup)
  const file = join(temp.dir, 'w.sqlite')
  const db = openDatabase(file)
  const events = createEventBus()
  const seen: TaskSummary[] = []
  events.subscribe((m) => {
    if (m.event === 'task.updated') seen.push(m.payload)
  })
  const tasks = createTaskRegistry({
    db,
    events,
    heartbeatMs,
    progressIntervalMs: 0,
    log: () => {},
    ...extra,
  })
  return { db, file, events, tasks, seen }
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('task registry', () => {
  it('runs a task to SUCCESS with progress, stats and a 32-hex id', async () => {
    const { tasks, seen } = setup()
    tasks.define({
      kind: 'demo',
      resumable: false,
      run: async (ctx) => {
        for (let i = 1; i <= 3; i++) ctx.progress({ done: i, total: 3 })
        return { answer: 42 }
      },
    })
    const started = tasks.start('demo', { x: 1 }, 'Demo')
    expect(started.id).toMatch(/^[0-9a-f]{32}$/)
    const done = await tasks.settled(started.id)
    expect(done.status).toBe('SUCCESS')
    expect(done.progress).toMatchObject({ done: 3, total: 3, ratio: 1 })
    expect(done.peakRssBytes).toBeGreaterThan(0)
    const detail = tasks.show(started.id)
    expect(detail.config).toEqual({ x: 1 })
    expect(detail.stats).toEqual({ answer: 42 })
    expect(seen.map((s) => s.status)).toContain('RUNNING')
    expect(seen.at(-1)?.status).toBe('SUCCESS')
    await tasks.close()
  })

  it('records FAILURE with the ApiError, and INTERNAL for unexpected errors', async () => {
    const { tasks } = setup()
    tasks.define({
      kind: 'bad',
      resumable: false,
      run: async () => {
        throw new ApiError('UNAVAILABLE', 'The server went away.')
      },
    })
    tasks.define({
      kind: 'bug',
      resumable: false,
      run: async () => {
        throw new TypeError('x is undefined')
      },
    })
    const bad = await tasks.settled(tasks.start('bad', {}, 'Bad').id)
    expect(bad).toMatchObject({
      status: 'FAILURE',
      error: { code: 'UNAVAILABLE', message: 'The server went away.' },
    })
    const bug = await tasks.settled(tasks.start('bug', {}, 'Bug').id)
    expect(bug.status).toBe('FAILURE')
    expect(bug.error?.code).toBe('INTERNAL')
    await tasks.close()
  })

  it('aborts a running task, then resumes it from its checkpoint', async () => {
    const { tasks } = setup()
    const runs: (number | null)[] = []
    const count: TaskKind<{ n: number }, { at: number }, { reached: number }> = {
      kind: 'count',
      resumable: true,
      run: async (ctx) => {
        runs.push(ctx.checkpoint?.at ?? null)
        for (let at = (ctx.checkpoint?.at ?? 0) + 1; at <= ctx.config.n; at++) {
          if (ctx.signal.aborted) throw ctx.signal.reason
          ctx.saveCheckpoint({ at })
          ctx.progress({ done: at, total: ctx.config.n })
          await new Promise((r) => setTimeout(r, 5))
        }
        return { reached: ctx.config.n }
      },
    }
    tasks.define(count)
    const { id } = tasks.start('count', { n: 120 }, 'Count')
    await waitFor(() => ((tasks.show(id).checkpoint as { at: number } | null)?.at ?? 0) >= 5)
    const aborted = await tasks.abort(id)
    expect(aborted.status).toBe('ABORTED')
    expect(aborted.resumable).toBe(true)
    const at = (tasks.show(id).checkpoint as { at: number }).at
    expect(at).toBeGreaterThanOrEqual(5)
    expect(tasks.resume(id).status).toBe('RUNNING')
    const finished = await tasks.settled(id)
    expect(finished.status).toBe('SUCCESS')
    expect(runs).toEqual([null, at])
    await tasks.close()
  })

  it('leaves finished tasks alone on abort and refuses to resume what cannot be resumed', async () => {
    const { tasks } = setup()
    tasks.define({ kind: 'quick', resumable: false, run: async () => null })
    const { id } = tasks.start('quick', {}, 'Quick')
    await tasks.settled(id)
    expect((await tasks.abort(id)).status).toBe('SUCCESS')
    expect(() => tasks.resume(id)).toThrow(/cannot be resumed/)
    expect(() => tasks.show('f'.repeat(32))).toThrow(/does not exist/)
    await tasks.close()
  })

  it('marks tasks of a killed process INTERRUPTED on the next start, keeping the checkpoint', async () => {
    const { file } = setup()
    const child = await startCrashChild(file)
    children.push(child)
    const { id } = child
    await child.kill()
    const after = createTaskRegistry({
      db: openDatabase(file),
      events: createEventBus(),
      heartbeatMs: 20,
      staleMs: 300,
    })
    await waitFor(() => after.show(id).status === 'INTERRUPTED')
    const shown = after.show(id)
    expect(shown).toMatchObject({ status: 'INTERRUPTED', error: { code: 'INTERRUPTED' } })
    expect(shown.checkpoint).toEqual({ at: 7 })
    after.define({ kind: 'hang', resumable: true, run: async (ctx) => ctx.checkpoint })
    expect(after.show(id).resumable).toBe(true)
    after.resume(id)
    expect(await after.settled(id)).toMatchObject({ status: 'SUCCESS' })
    expect(after.show(id).stats).toEqual({ at: 7 })
    await after.close()
  })

  it('does not interrupt a task another live process is running, and aborts it across processes', async () => {
    const owner = setup(20)
    owner.tasks.define({
      kind: 'wait',
      resumable: false,
      run: (ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))
        }),
    })
    const { id } = owner.tasks.start('wait', {}, 'Wait')
    const other = createTaskRegistry({
      db: openDatabase(owner.file),
      events: createEventBus(),
      heartbeatMs: 20,
    })
    expect(other.show(id).status).toBe('RUNNING')
    const aborted = await other.abort(id, 3000)
    expect(aborted.status).toBe('ABORTED')
    await other.close()
    await owner.tasks.close()
  })
})

/** The ApiError `run` throws. */
function errorOf(run: () => unknown): ApiError {
  try {
    run()
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

/** A task kind that runs until aborted. */
const waits = (kind: string, resumable: boolean) => ({
  kind,
  resumable,
  run: (ctx: { signal: AbortSignal }) =>
    new Promise<null>((_resolve, reject) => {
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))
    }),
})

describe('task owners', () => {
  it('keeps a task whose heartbeat is old while its process lives; resume names the pid; once the process is killed the task is INTERRUPTED and resumes', async () => {
    const { file } = setup()
    // The child's clock is frozen at 1 ms: every heartbeat it writes is decades old.
    const child = await startCrashChild(file, '--clock', '1')
    children.push(child)
    const other = createTaskRegistry({
      db: openDatabase(file),
      events: createEventBus(),
      heartbeatMs: 20,
      staleMs: 100,
      log: () => {},
    })
    other.define({ kind: 'hang', resumable: true, run: async (ctx) => ctx.checkpoint })
    expect(other.list({ limit: 10 })).toEqual([
      expect.objectContaining({ id: child.id, status: 'RUNNING', error: null }),
    ])
    const refused = errorOf(() => other.resume(child.id))
    expect(refused.code).toBe('INVALID_STATE')
    expect(refused.message).toMatch(
      new RegExp(
        `^Task ${child.id} is running in process ${child.pid} \\(started \\d{4}-.+\\); abort it there or wait for it to finish\\.$`,
      ),
    )
    expect(other.show(child.id).status).toBe('RUNNING')

    await child.kill()
    expect(other.show(child.id)).toMatchObject({
      status: 'INTERRUPTED',
      resumable: true,
      error: {
        code: 'INTERRUPTED',
        message:
          'The app stopped while this task ran. Resume it to continue from its last checkpoint.',
      },
    })
    expect(other.resume(child.id).status).toBe('RUNNING')
    expect(await other.settled(child.id)).toMatchObject({ status: 'SUCCESS', error: null })
    expect(other.show(child.id).stats).toEqual({ at: 7 })
    await other.close()
  })

  it('takes a live pid with another start time (a reused pid) for a dead owner', async () => {
    const now = 10_000_000
    const { db, tasks } = setup(50, { now: () => now, staleMs: 1000 })
    tasks.define(waits('hang', true))
    const me = currentOwner()
    const insert = db.prepare(
      `INSERT INTO tasks (id, kind, title, status, created_at, updated_at, started_at,
                          owner_pid, owner_host, owner_start, heartbeat_at)
       VALUES (?, 'hang', ?, 'RUNNING', 1, 1, 1, ?, ?, ?, ?)`,
    )
    const old = now - 5000
    insert.run('a'.repeat(32), 'reused pid', me.pid, me.host, `${me.start}0`, old)
    insert.run('b'.repeat(32), 'live owner', me.pid, me.host, me.start, old)
    // Versions before owner hosts: the pid alone, and the heartbeat's age as before.
    insert.run('c'.repeat(32), 'legacy row', me.pid, null, null, old)
    // Another host: its pids mean nothing here, the heartbeat's age decides.
    insert.run('d'.repeat(32), 'elsewhere, silent', me.pid, 'other-host', null, old)
    insert.run('e'.repeat(32), 'elsewhere, beating', me.pid, 'other-host', null, now - 10)
    expect(me.start).toMatch(/^[0-9a-f-]+:\d+$/)

    const status = (c: string) => tasks.show(c.repeat(32)).status
    expect(status('a')).toBe('INTERRUPTED')
    expect(status('b')).toBe('RUNNING')
    expect(status('c')).toBe('INTERRUPTED')
    expect(status('d')).toBe('INTERRUPTED')
    expect(status('e')).toBe('RUNNING')
    expect(errorOf(() => tasks.resume('e'.repeat(32))).message).toContain(
      `is running in process ${me.pid} on other-host`,
    )
    await tasks.close()
  })

  it('clears the error on SUCCESS and takes back a task an older version marked INTERRUPTED while it ran', async () => {
    const { db, file, tasks } = setup(60_000)
    let open = () => {}
    const gate = new Promise<void>((resolve) => (open = resolve))
    tasks.define({ kind: 'gated', resumable: true, run: () => gate })
    const { id } = tasks.start('gated', {}, 'Gated')
    // What an older version's crash recovery wrote after one missed heartbeat.
    const interrupted = {
      code: 'INTERRUPTED',
      message:
        'The app stopped while this task ran. Resume it to continue from its last checkpoint.',
    }
    db.prepare(`UPDATE tasks SET status = 'INTERRUPTED', error = ? WHERE id = ?`).run(
      JSON.stringify(interrupted),
      id,
    )
    const other = createTaskRegistry({ db: openDatabase(file), events: createEventBus() })
    other.define({ kind: 'gated', resumable: true, run: async () => null })
    expect(other.show(id)).toMatchObject({ status: 'INTERRUPTED', error: interrupted })
    expect(errorOf(() => other.resume(id)).message).toContain(
      `is running in process ${process.pid}`,
    )
    open()
    expect(await tasks.settled(id)).toMatchObject({ status: 'SUCCESS', error: null })
    expect(other.show(id)).toMatchObject({ status: 'SUCCESS', error: null })
    await other.close()
    await tasks.close()
  })

  it('shows a task an older version marked INTERRUPTED as RUNNING again at its next heartbeat', async () => {
    const { db, tasks } = setup(20)
    tasks.define(waits('wait', true))
    const { id } = tasks.start('wait', {}, 'Wait')
    db.prepare(
      `UPDATE tasks SET status = 'INTERRUPTED', finished_at = 1, error = '{"code":"INTERRUPTED","message":"x"}' WHERE id = ?`,
    ).run(id)
    await waitFor(() => tasks.show(id).status === 'RUNNING')
    expect(tasks.show(id)).toMatchObject({ status: 'RUNNING', error: null, finishedAt: null })
    await tasks.close()
  })

  it('says "Resume" only for kinds that can resume', async () => {
    const { db, file, tasks } = setup()
    tasks.define(waits('once', false))
    tasks.define(waits('again', true))
    const once = tasks.start('once', {}, 'Once').id
    const again = tasks.start('again', {}, 'Again').id
    await tasks.close()
    // A task row nobody owns (a crash between insert and start in an older version).
    const orphan = 'f'.repeat(32)
    db.prepare(
      `INSERT INTO tasks (id, kind, title, status, created_at, updated_at)
       VALUES (?, 'once', 'Orphan', 'PENDING', 1, 1)`,
    ).run(orphan)

    const next = createTaskRegistry({ db: openDatabase(file), events: createEventBus() })
    next.define(waits('once', false))
    next.define(waits('again', true))
    expect(next.show(once)).toMatchObject({
      status: 'INTERRUPTED',
      resumable: false,
      error: { message: 'The app closed while this task ran. Start it again.' },
    })
    expect(next.show(orphan)).toMatchObject({
      status: 'INTERRUPTED',
      resumable: false,
      error: { message: 'The app stopped while this task ran. Start it again.' },
    })
    expect(next.show(again)).toMatchObject({
      status: 'INTERRUPTED',
      resumable: true,
      error: {
        message:
          'The app closed while this task ran. Resume it to continue from its last checkpoint.',
      },
    })
    await next.close()
  })
})

/** Checkpoints grow by 8 KB a step until `n`. */
const filling = (kind: string, resumable: boolean) => ({
  kind,
  resumable,
  run: async (ctx: TaskContext<{ n: number }, { at: number; pad: string }>) => {
    for (let at = (ctx.checkpoint?.at ?? 0) + 1; at <= ctx.config.n; at++) {
      ctx.saveCheckpoint({ at, pad: 'x'.repeat(at * 8192) })
      ctx.progress({ done: at, total: ctx.config.n })
      await new Promise((resolve) => setImmediate(resolve))
    }
    return { reached: ctx.config.n }
  },
})

// A real full file system where the tests may mount one (root here); SQLite's page limit always.
const diskLimits = ['max_page_count', ...(canMountSmallFs() ? ['tmpfs'] : [])]

describe('a full disk', () => {
  it.each(diskLimits)(
    'fails the task UNAVAILABLE (%s), the process survives, and resume completes once there is room',
    async (limit) => {
      const fs = limit === 'tmpfs' ? mountSmallFs('1m') : null
      const temp = fs ?? makeTempDir()
      const db = openDatabase(join(temp.dir, 'w.sqlite'))
      temps.push(() => {
        db.close()
        temp.cleanup()
      })
      if (!fs)
        db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 20}`)
      const logged: unknown[] = []
      const tasks = createTaskRegistry({
        db,
        events: createEventBus(),
        heartbeatMs: 20,
        progressIntervalMs: 0,
        log: (e) => logged.push(e),
      })
      tasks.define(filling('fill', true))
      tasks.define(filling('fill-once', false))
      const fill = tasks.start('fill', { n: 60 }, 'Fill').id
      const once = tasks.start('fill-once', { n: 60 }, 'Fill once').id
      // Both runs end: nothing thrown from a failed write escapes them (vitest fails on unhandled rejections).
      await tasks.settled(fill)
      await tasks.settled(once)
      expect(tasks.runningCount()).toBe(0)

      // Where even the FAILURE could not be written, it is retried on every heartbeat until there is room.
      if (fs) fs.resize('64m')
      else db.pragma('max_page_count = 1073741823')
      await waitFor(
        () => tasks.show(fill).status !== 'RUNNING' && tasks.show(once).status !== 'RUNNING',
      )
      expect(tasks.show(fill)).toMatchObject({
        status: 'FAILURE',
        resumable: true,
        error: {
          code: 'UNAVAILABLE',
          message: 'The disk is full: free space, then resume the task.',
        },
      })
      expect(tasks.show(once)).toMatchObject({
        status: 'FAILURE',
        resumable: false,
        error: {
          code: 'UNAVAILABLE',
          message: 'The disk is full: free space, then start it again.',
        },
      })
      const at = (tasks.show(fill).checkpoint as { at: number }).at
      expect(at).toBeGreaterThan(0)
      expect(at).toBeLessThan(60)

      tasks.resume(fill)
      expect(await tasks.settled(fill)).toMatchObject({ status: 'SUCCESS', error: null })
      expect(tasks.show(fill).stats).toEqual({ reached: 60 })
      await tasks.close()
    },
  )

  it('records a final status it could not write at first, and keeps the task meanwhile', async () => {
    const logged: unknown[] = []
    const { db, file, tasks } = setup(20, { log: (e) => logged.push(e) })
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 4}`)
    tasks.define({ kind: 'big', resumable: true, run: async () => ({ pad: 'x'.repeat(1 << 20) }) })
    const { id } = tasks.start('big', {}, 'Big stats')
    await tasks.settled(id)
    expect(tasks.runningCount()).toBe(0)
    expect((logged[0] as Error).message).toBe(
      `Task registry: recording the end of task ${id} failed.`,
    )
    expect(tasks.show(id).status).toBe('RUNNING')
    const other = createTaskRegistry({ db: openDatabase(file), events: createEventBus() })
    other.define({ kind: 'big', resumable: true, run: async () => null })
    expect(errorOf(() => other.resume(id)).message).toContain(`running in process ${process.pid}`)
    db.pragma('max_page_count = 1073741823')
    await waitFor(() => tasks.show(id).status === 'SUCCESS')
    expect((tasks.show(id).stats as { pad: string }).pad).toHaveLength(1 << 20)
    await other.close()
    await tasks.close()
  })
})
