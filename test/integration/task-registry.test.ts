import { afterEach, describe, expect, it } from 'vitest'
import type { TaskSummary } from '../../src-main/api/contract/tasks'
import { ApiError } from '../../src-main/api/errors'
import { openDatabase } from '../../src-main/core/db/sqlite'
import { createEventBus } from '../../src-main/core/events'
import { createTaskRegistry } from '../../src-main/core/tasks/task-registry'
import { makeTempDir } from '../helpers/temp-dir'
import { spawn } from 'node:child_process'
import { join } from 'node:path'

const temps: (() => void)[] = []
afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()))

function setup(heartbeatMs = 50) {
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
    tasks.define<{ n: number }, { at: number }, { reached: number }>({
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
    })
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
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      join(import.meta.dirname, '../helpers/task-crash-child.ts'),
      file,
    ])
    const id = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /started ([0-9a-f]{32})/.exec(chunk.toString())
        if (match?.[1]) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)))
    })
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited
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
