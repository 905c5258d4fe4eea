import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore } from '../helpers/core-harness'
import { createBatchGate } from '../helpers/gate'
import { importCorpus } from '../helpers/modeling-data'

let harness: Awaited<ReturnType<typeof startTestCore>> | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('automatic selection: abort', () => {
  it('aborting between candidates ends the task ABORTED with no version and no file; the next training runs', async () => {
    const gate = createBatchGate()
    harness = await startTestCore({ seedDemo: false, testGates: { trainingCandidate: gate.hook } })
    const h = harness
    const datasetId = await importCorpus(h.api, h.core, 'corpus')
    // Held before its third candidate: two are scored, the search is mid-way.
    gate.close(2)
    const { taskId } = await h.api.call('models.startTraining', {
      datasetId,
      kind: 'auto',
      params: { timeBudget: 600 },
    })
    await gate.reached()
    const shown = await h.api.call('tasks.show', { id: taskId })
    expect(shown.status).toBe('RUNNING')
    const aborted = await h.api.call('tasks.abort', { id: taskId })
    expect(aborted.status).toBe('ABORTED')
    expect((await h.core.tasks.settled(taskId)).status).toBe('ABORTED')
    expect(await h.api.call('models.list', {})).toEqual([])
    const rows = h.core.db.prepare('SELECT count(*) AS n FROM model_versions').get() as {
      n: number
    }
    expect(rows.n).toBe(0)
    const models = join(h.dataDir, 'models')
    expect(existsSync(models) ? readdirSync(models) : []).toEqual([])

    // The pool still trains: the same search, released, saves one version with its CV table.
    gate.open()
    const again = await h.api.call('models.startTraining', {
      datasetId,
      kind: 'auto',
      params: { timeBudget: 600 },
    })
    expect((await h.core.tasks.settled(again.taskId)).status).toBe('SUCCESS')
    const [version] = await h.api.call('models.list', {})
    const detail = await h.api.call('models.get', { id: version!.id })
    expect(detail.selection!.method).toBe('auto')
    expect(detail.selection!.candidates.length).toBeGreaterThan(2)
  })
})
