import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { MethodParams } from '../../src-main/api/methods'
import { ApiError } from '../../src-main/api/errors'
import { startTestCore } from '../helpers/core-harness'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function core() {
  const c = await startTestCore({ seedDemo: false })
  closers.push(() => c.close())
  writeFileSync(
    join(c.dataDir, 'posts.csv'),
    'id,text,author\n1,a ball game,amy\n2,ball and lunch,bo\n3,lunch,amy\n',
  )
  return c
}

type Api = Awaited<ReturnType<typeof core>>['api']

async function finished(api: Api, taskId: string) {
  for (;;) {
    const task = await api.call('tasks.show', { id: taskId })
    if (task.status !== 'RUNNING' && task.status !== 'PENDING') return task
    await new Promise((r) => setTimeout(r, 20))
  }
}

const params = (
  dir: string,
  sink: MethodParams<'predict.start'>['sink'],
): MethodParams<'predict.start'> => ({
  sources: [
    {
      kind: 'file',
      path: join(dir, 'posts.csv'),
      format: 'csv',
      columns: { id: 'id', content: 'text', author: 'author' },
    },
  ],
  models: [
    { model: { kind: 'keywords', name: 'kw', labels: { sport: ['ball'], food: ['lunch'] } } },
  ],
  sink,
})

describe('predict.outputs', () => {
  it('lists the CSV, its author panel and its staging file, and the task writes each', async () => {
    const { api, dataDir } = await core()
    const out = join(dataDir, 'X.csv')
    const { taskId } = await api.call('predict.start', params(dataDir, { kind: 'csv', path: out }))
    const outputs = await api.call('predict.outputs', { taskId })
    expect(outputs.map((o) => [o.kind, o.role, o.location])).toEqual([
      ['file', 'results', out],
      ['file', 'authors', join(dataDir, 'X_authors.csv')],
      ['file', 'staging', join(dataDir, 'X.csv.sqlite')],
    ])
    const task = await finished(api, taskId)
    expect(task.status).toBe('SUCCESS')
    for (const o of outputs) expect(existsSync(o.location)).toBe(true)
    // 2,112 labels on 2,000 rows: written counts labels, received counts rows.
    const stats = await api.call('predict.stats', { taskId })
    expect([stats.received, stats.written]).toEqual([3, 4])
  })

  it('lists the default SQLite file and its tables', async () => {
    const { api, dataDir } = await core()
    const { taskId } = await api.call(
      'predict.start',
      params(dataDir, { kind: 'sqlite', table: 'res' }),
    )
    expect(await api.call('predict.outputs', { taskId })).toEqual([
      expect.objectContaining({
        kind: 'file',
        role: 'database',
        location: join(dataDir, 'outputs', `${taskId}.sqlite`),
      }),
      expect.objectContaining({ kind: 'table', role: 'results', location: 'res' }),
      expect.objectContaining({ kind: 'table', role: 'authors', location: 'res_authors' }),
    ])
    await finished(api, taskId)
  })

  it('refuses an unknown task and a malformed id', async () => {
    const { api } = await core()
    const codes: string[] = []
    for (const taskId of ['a'.repeat(32), 'not-an-id']) {
      await api.call('predict.outputs', { taskId }).catch((e: unknown) => {
        codes.push(e instanceof ApiError ? e.code : 'other')
      })
    }
    expect(codes).toEqual(['TASK_NOT_FOUND', 'VALIDATION'])
  })
})
