import { afterEach, describe, expect, it } from 'vitest'
import type { TaskSummary } from '../../src-main/api/contract/tasks'
import { createApiClient } from '../../src-main/api/client'
import { createCore } from '../../src-main/core/create-core'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { startTestCore, testCoreConfig } from '../helpers/core-harness'

let harness: Awaited<ReturnType<typeof startTestCore>> | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('core over the in-memory transport', () => {
  it('creates the workspace and describes itself', async () => {
    harness = await startTestCore()
    const info = await harness.api.call('system.info', {})
    expect(info).toMatchObject({
      dataDir: harness.dataDir,
      host: 'memory',
      schemaVersion: expect.any(Number),
    })
    expect(info.databaseFile.startsWith(harness.dataDir)).toBe(true)
  })

  it('seeds the demo workspace once: a split, labelled dataset and a keyword rule set', async () => {
    harness = await startTestCore({ seedDemo: true })
    const datasets = await harness.api.call('datasets.list', {})
    expect(datasets).toEqual([
      expect.objectContaining({ name: 'Demo: audience posts', documentCount: 400 }),
    ])
    const demo = await harness.api.call('datasets.get', { id: datasets[0]!.id })
    expect(demo.splitCounts.test).toBeGreaterThan(0)
    const rules = await harness.api.call('rules.listSets', {})
    expect(rules).toEqual([
      expect.objectContaining({ name: 'Demo: audience keywords', kind: 'keyword' }),
    ])
    expect(rules[0]!.labels).toEqual(['female', 'male', 'parent', 'student'])

    // A second core over the same workspace (as after a restart) adds nothing.
    const again = await createCore(testCoreConfig(harness.dataDir, { seedDemo: true }))
    try {
      const client = createApiClient(memoryTransport(again))
      expect(await client.call('datasets.list', {})).toHaveLength(1)
      expect(await client.call('rules.listSets', {})).toHaveLength(1)
    } finally {
      await again.close()
    }
  })

  it('runs the worker self-test in a real thread with progress over the port', async () => {
    harness = await startTestCore()
    const updates: TaskSummary[] = []
    harness.api.on('task.updated', (t) => updates.push(t))
    const { taskId } = await harness.api.call('system.startSelfTest', { steps: 5, stepMs: 20 })
    const done = await harness.core.tasks.settled(taskId)
    expect(done.status).toBe('SUCCESS')
    expect(done.progress).toMatchObject({ done: 5, total: 5, ratio: 1 })
    const stats = (await harness.api.call('tasks.show', { id: taskId })).stats as {
      primesFound: number
      threadId: number
    }
    expect(stats.primesFound).toBe(1229) // primes below 10,005
    expect(stats.threadId).toBeGreaterThan(0)
    expect(updates.some((u) => u.id === taskId && u.progress && u.progress.done < 5)).toBe(true)
  })

  it('aborts the self-test: the worker thread stops and the task ends ABORTED', async () => {
    harness = await startTestCore()
    const { taskId } = await harness.api.call('system.startSelfTest', { steps: 1000, stepMs: 50 })
    await new Promise<void>((resolve) => {
      const off = harness!.api.on('task.updated', (t) => {
        if (t.id === taskId && (t.progress?.done ?? 0) >= 2) {
          off()
          resolve()
        }
      })
    })
    const aborted = await harness.api.call('tasks.abort', { id: taskId })
    expect(aborted.status).toBe('ABORTED')
    expect(aborted.error?.code).toBe('ABORTED')
    const listed = await harness.api.call('tasks.list', { status: 'ABORTED' })
    expect(listed.map((t) => t.id)).toEqual([taskId])
  })

  it('answers bad params and unknown ids with clear errors', async () => {
    harness = await startTestCore()
    await expect(harness.api.call('tasks.show', { id: '12345' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('expected 32 hex digits, got 5'),
    })
    await expect(harness.api.call('tasks.abort', { id: 'b'.repeat(32) })).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
    })
    await expect(harness.api.call('system.startSelfTest', { steps: 0 })).rejects.toMatchObject({
      code: 'VALIDATION',
    })
  })
})
