import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src-main/api/client'
import type { MethodParams } from '../../src-main/api/methods'
import { ApiError } from '../../src-main/api/errors'
import { createCore } from '../../src-main/core/create-core'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { testCoreConfig } from '../helpers/core-harness'
import { makeTempDir } from '../helpers/temp-dir'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function openCore(dir: string) {
  const core = await createCore(testCoreConfig(dir, { seedDemo: false }))
  return { core, api: createApiClient(memoryTransport(core)) }
}

function tempDir(): string {
  const temp = makeTempDir()
  closers.push(temp.cleanup)
  return temp.dir
}

const params = (model: MethodParams<'predict.start'>['models'][number]['model']) => ({
  sources: [
    {
      kind: 'file' as const,
      path: '/data/posts.csv',
      format: 'csv' as const,
      columns: { id: 'id', content: 'text' },
    },
  ],
  models: [{ model }],
  sink: { kind: 'csv' as const, path: '/data/out.csv' },
})

const keywords = { kind: 'keywords' as const, name: 'kw', labels: { sport: ['ball'] } }

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('predict templates', () => {
  it('saves, lists by name, replaces by name and deletes, across a restart', async () => {
    const dir = tempDir()
    const first = await openCore(dir)
    expect(await first.api.call('predict.listTemplates', {})).toEqual([])
    const b = await first.api.call('predict.saveTemplate', {
      name: ' weekly ',
      params: params(keywords),
    })
    expect(b.name).toBe('weekly')
    // Defaults are filled in as the task would have them.
    expect(b.params.batchSize).toBe(10_000)
    expect(b.params.sink).toEqual({ kind: 'csv', path: '/data/out.csv', csvFlavour: 'raw' })
    await first.api.call('predict.saveTemplate', { name: 'a first', params: params(keywords) })
    await first.core.close()

    const second = await openCore(dir)
    closers.push(() => second.core.close())
    const api = second.api
    expect((await api.call('predict.listTemplates', {})).map((t) => t.name)).toEqual([
      'a first',
      'weekly',
    ])
    const replaced = await api.call('predict.saveTemplate', {
      name: 'weekly',
      params: { ...params(keywords), batchSize: 500 },
    })
    expect(replaced.id).toBe(b.id)
    expect(replaced.createdAt).toBe(b.createdAt)
    const listed = await api.call('predict.listTemplates', {})
    expect(listed).toHaveLength(2)
    expect(listed.find((t) => t.name === 'weekly')?.params.batchSize).toBe(500)
    // Templates do not leak into the remembered UI state that shares their table.
    expect(await api.call('workspace.getUiState', {})).toEqual({})

    expect(await api.call('predict.deleteTemplate', { id: b.id })).toEqual({ deleted: true })
    expect((await api.call('predict.listTemplates', {})).map((t) => t.name)).toEqual(['a first'])
  })

  it('refuses a template naming a model version that does not exist', async () => {
    const { core, api } = await openCore(tempDir())
    closers.push(() => core.close())
    const missing = 'b'.repeat(32)
    const error = await rejection(
      api.call('predict.saveTemplate', {
        name: 'x',
        params: params({ kind: 'version', id: missing }),
      }),
    )
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toContain(`Model version ${missing} does not exist`)
    expect(await api.call('predict.listTemplates', {})).toEqual([])
  })

  it('refuses bad input: empty or long names, invalid params, an unknown id', async () => {
    const { core, api } = await openCore(tempDir())
    closers.push(() => core.close())
    for (const name of ['', '   ', 'x'.repeat(81)]) {
      const error = await rejection(
        api.call('predict.saveTemplate', { name, params: params(keywords) }),
      )
      expect(error.code).toBe('VALIDATION')
    }
    const bad = await rejection(
      api.call('predict.saveTemplate', {
        name: 'x',
        params: { ...params(keywords), sources: [] },
      }),
    )
    expect(bad.code).toBe('VALIDATION')
    const unknown = await rejection(api.call('predict.deleteTemplate', { id: 'c'.repeat(32) }))
    expect(unknown.code).toBe('NOT_FOUND')
  })

  it('skips a stored template that no longer fits instead of failing the list', async () => {
    const dir = tempDir()
    const first = await openCore(dir)
    await first.api.call('predict.saveTemplate', { name: 'good', params: params(keywords) })
    await first.core.close()
    const db = new Database(join(dir, 'workspace.sqlite'))
    db.prepare(`INSERT INTO ui_state (key, value, updated_at) VALUES (?, ?, 0)`).run(
      'predict-template:' + 'd'.repeat(32),
      JSON.stringify({ id: 'd'.repeat(32), name: 'old', params: { sources: [] } }),
    )
    db.close()
    const second = await openCore(dir)
    closers.push(() => second.core.close())
    expect((await second.api.call('predict.listTemplates', {})).map((t) => t.name)).toEqual([
      'good',
    ])
  })
})
