import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TaskSummary } from '../../src-main/api/contract/tasks'
import { openDatabase } from '../../src-main/core/db/sqlite'
import { createEventBus } from '../../src-main/core/events'
import { createTaskRegistry } from '../../src-main/core/tasks/task-registry'
import { createBatchGate } from '../helpers/gate'
import { makeTempDir } from '../helpers/temp-dir'

const temps: (() => void)[] = []
afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()))

describe('task progress', () => {
  it('publishes a throttled report once the interval has passed, even if the task then pauses', async () => {
    const temp = makeTempDir()
    temps.push(temp.cleanup)
    const db = openDatabase(join(temp.dir, 'w.sqlite'))
    const events = createEventBus()
    const published = new Promise<TaskSummary>((resolve) =>
      events.subscribe((m) => {
        if (m.event === 'task.updated' && m.payload.progress?.done === 2) resolve(m.payload)
      }),
    )
    // A long interval: the second report is always inside it, so only the trailing push can show it.
    const tasks = createTaskRegistry({ db, events, progressIntervalMs: 300, log: () => {} })
    const gate = createBatchGate()
    gate.close(0)
    tasks.define({
      kind: 'paused',
      resumable: false,
      run: async (ctx) => {
        ctx.progress({ done: 1, total: 10 })
        ctx.progress({ done: 2, total: 10 })
        await gate.hook(0, ctx.signal)
        return {}
      },
    })
    const { id } = tasks.start('paused', {}, 'Pauses after two reports')
    await gate.reached()
    expect((await published).status).toBe('RUNNING')
    expect(tasks.show(id).progress).toMatchObject({ done: 2, total: 10 })
    gate.open()
    expect((await tasks.settled(id)).status).toBe('SUCCESS')
    await tasks.close()
    db.close()
  })
})
