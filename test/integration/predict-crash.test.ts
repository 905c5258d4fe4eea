import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src-main/api/client'
import { createCore, type Core } from '../../src-main/core/create-core'
import { quoteIdent } from '../../src-main/core/predicting/sql/mariadb'
import { memoryTransport } from '../../src-main/core/memory-transport'
import type { PredictStartParams } from '../../src-main/api/contract/predicting'
import { repoRoot, testCoreConfig } from '../helpers/core-harness'
import {
  adminConnection,
  createPostsTable,
  createTestSchema,
  makePosts,
  mariaDbAvailable,
  mariaDbUrl,
} from '../helpers/mariadb'
import { makeTempDir } from '../helpers/temp-dir'

const available = await mariaDbAvailable()

async function rowsOf(schema: string): Promise<string[]> {
  const conn = await adminConnection()
  try {
    const [rows] = await conn.query({
      sql: `SELECT id, label, model_version, score, source_author, post_time, source_id, matched FROM ${quoteIdent(schema)}.results`,
      rowsAsArray: true,
    })
    return (rows as unknown[][]).map((r) => JSON.stringify(r)).sort()
  } finally {
    conn.destroy()
  }
}

describe.skipIf(!available)('predict survives SIGKILL of its process', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  let source: string
  let temp: { dir: string; cleanup: () => void }
  beforeAll(async () => {
    const schema = await createTestSchema('aud_src')
    cleanups.push(schema.drop)
    source = schema.name
    await createPostsTable(source, makePosts(30_000))
    temp = makeTempDir()
    cleanups.push(temp.cleanup)
  })
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it('a CLI run killed mid-run, resumed, equals an uninterrupted run', async () => {
    const killedOut = await createTestSchema('aud_out')
    const fullOut = await createTestSchema('aud_out')
    cleanups.push(killedOut.drop, fullOut.drop)
    const model = join(temp.dir, 'gender.json')
    writeFileSync(
      model,
      JSON.stringify({ field: 'author', labels: { male: ['先生', 'mr'], female: ['小姐', 'ms'] } }),
    )
    const dataDir = join(temp.dir, 'workspace')
    const params = (out: string): PredictStartParams => ({
      sources: [
        {
          kind: 'mariadb',
          connection: { url: mariaDbUrl(source) },
          schema: source,
          table: 'posts',
          columns: {
            id: 'id',
            content: 'content',
            author: 'author',
            postTime: 'post_time',
            sourceId: 's_id',
          },
          from: '2020-01-01',
          to: '2022-01-01',
        },
      ],
      models: [
        {
          field: 'author',
          model: {
            kind: 'keywords',
            name: 'gender',
            version: '1',
            labels: { male: ['先生', 'mr'], female: ['小姐', 'ms'] },
          },
        },
      ],
      exclusiveGroups: [],
      sink: {
        kind: 'mariadb',
        connection: { url: mariaDbUrl(out) },
        schema: out,
        table: 'results',
      },
      batchSize: 100,
    })
    const argv = [
      '--data-dir',
      dataDir,
      '--json',
      'predict',
      '--source',
      mariaDbUrl(source),
      '--table',
      'posts',
      '--id-column',
      'id',
      '--text-column',
      'content',
      '--author-column',
      'author',
      '--time-column',
      'post_time',
      '--source-column',
      's_id',
      '--from',
      '2020-01-01',
      '--to',
      '2022-01-01',
      '--model',
      model,
      '--sink',
      mariaDbUrl(killedOut.name),
      '--batch-size',
      '100',
    ]
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'audience.js'), ...argv], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let taskId = ''
    for await (const line of createInterface({ input: child.stdout })) {
      const message = JSON.parse(line) as { taskId: string; progress?: { done: number } }
      taskId = message.taskId
      if ((message.progress?.done ?? 0) > 0) break
    }
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))

    const core: Core = await createCore(testCoreConfig(dataDir, { seedDemo: false }))
    cleanups.push(() => core.close())
    const api = createApiClient(memoryTransport(core))
    let status = ''
    for (let i = 0; i < 100 && status !== 'INTERRUPTED'; i++) {
      status = (await api.call('tasks.show', { id: taskId })).status
      if (status !== 'INTERRUPTED') await new Promise((r) => setTimeout(r, 100))
    }
    expect(status).toBe('INTERRUPTED')
    await api.call('tasks.resume', { id: taskId })
    expect((await core.tasks.settled(taskId)).status).toBe('SUCCESS')

    const { taskId: fullId } = await api.call('predict.start', params(fullOut.name))
    expect((await core.tasks.settled(fullId)).status).toBe('SUCCESS')
    const resumed = await rowsOf(killedOut.name)
    expect(resumed.length).toBeGreaterThan(0)
    expect(resumed).toEqual(await rowsOf(fullOut.name))
  })
})
