import { afterEach, describe, expect, it } from 'vitest'
import { IDLE_GAP_MS } from '../../src-main/core/annotation/annotation.repo'
import { startTestCore } from '../helpers/core-harness'

let close: (() => Promise<void>) | null = null
afterEach(async () => {
  await close?.()
  close = null
})

describe('annotation pace', () => {
  it('counts docs/min over active time: a long pause counts as two minutes', async () => {
    const h = await startTestCore({ seedDemo: true })
    close = () => h.close()
    const dataset = (await h.api.call('datasets.list', {}))[0]
    if (!dataset) throw new Error('the demo dataset is missing')
    const docs = h.core.db
      .prepare<[string], { id: number }>('SELECT id FROM documents WHERE dataset_id = ? LIMIT 4')
      .all(dataset.id)
    const journal = h.core.db.prepare(
      `INSERT INTO annotation_journal (dataset_id, session_id, document_id, before, after, created_at)
       VALUES (?, 's1', ?, '[]', '[1]', ?)`,
    )
    // 3 documents in 10 s, an hour away, then one more 20 s later.
    const at = [0, 5_000, 10_000, 3_610_000, 3_630_000]
    at.forEach((ms, i) => journal.run(dataset.id, docs[Math.min(i, 3)]?.id, 1_000_000 + ms))
    const stats = await h.api.call('annotation.stats', { datasetId: dataset.id, sessionId: 's1' })
    const activeMinutes = (10_000 + IDLE_GAP_MS + 20_000) / 60_000
    expect(stats.sessionLabeled).toBe(4)
    expect(stats.sessionRate).toBeCloseTo(4 / activeMinutes, 6)
  })
})
