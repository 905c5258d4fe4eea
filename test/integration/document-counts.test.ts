import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { DocumentFilter } from '../../src-main/api/contract/datasets'
import { DATABASE_FILE } from '../../src-main/core/create-core'
import { createDocumentsRepo, filterWhere } from '../../src-main/core/datasets/documents.repo'
import { openDatabase, type Sqlite } from '../../src-main/core/db/sqlite'
import { makeTempDir } from '../helpers/temp-dir'
import { runImport, startDatasetsCore, writeFixture, type Harness } from './datasets-harness'

let h: Harness | undefined
let db: Database.Database | undefined
const temp = makeTempDir()
afterAll(() => temp.cleanup())
afterEach(async () => {
  db?.close()
  db = undefined
  await h?.close()
  h = undefined
})

/** Each filter with the SQL condition it means, to count the truth from the documents table. */
const FILTERS: [DocumentFilter, string][] = [
  [{}, '1'],
  [{ status: 'labeled' }, 'label_count > 0'],
  [{ status: 'unlabeled' }, 'label_count = 0'],
  [{ split: 'train' }, `split = 'train'`],
  [{ split: 'dev' }, `split = 'dev'`],
  [{ split: 'test' }, `split = 'test'`],
  [{ split: 'none' }, 'split IS NULL'],
  [{ status: 'unlabeled', split: 'none' }, 'label_count = 0 AND split IS NULL'],
  [{ status: 'labeled', split: 'none' }, 'label_count > 0 AND split IS NULL'],
  [{ status: 'unlabeled', split: 'train' }, `label_count = 0 AND split = 'train'`],
]

function csv(rows: number, from: number): string {
  const label = (i: number) => (i % 3 === 0 ? '' : i % 5 === 0 ? 'a#b' : i % 2 ? 'a' : 'b')
  const lines = Array.from({ length: rows }, (_, i) => `post number ${from + i},${label(from + i)}`)
  return ['text,label', ...lines].join('\n') + '\n'
}

async function importRows(
  target: { newDataset: { name: string } } | { datasetId: string },
  rows: number,
  from: number,
): Promise<string> {
  const path = writeFixture(temp.dir, `posts-${from}.csv`, csv(rows, from))
  const { task } = await runImport(h!, { target, source: { path } })
  expect(task.status).toBe('SUCCESS')
  const list = await h!.api.call('datasets.list', {})
  return list.find((d) => d.name === 'posts')?.id ?? ''
}

/** Every count the API gives for the dataset equals a count of the table's rows. */
async function expectCountsRight(datasetId: string): Promise<void> {
  const truth = (condition: string) =>
    (
      db!
        .prepare(`SELECT count(*) AS n FROM documents WHERE dataset_id = ? AND ${condition}`)
        .get(datasetId) as { n: number }
    ).n
  expect(truth('label_count != (SELECT count(*) FROM annotations WHERE document_id = id)')).toBe(0)
  for (const [filter, condition] of FILTERS) {
    const page = await h!.api.call('annotation.listDocuments', { datasetId, filter, limit: 500 })
    expect({ filter, total: page.total }).toEqual({ filter, total: truth(condition) })
    expect(page.items.length).toBe(page.total)
    const last = page.items.at(-1)
    if (!last) continue
    const step = await h!.api.call('annotation.step', {
      datasetId,
      filter,
      fromDocumentId: last.id,
      direction: 'previous',
    })
    if (step) expect(step.position).toBe(truth(`${condition} AND id < ${step.document.id}`))
  }
  const counts = await h!.api.call('annotation.countDocuments', { datasetId })
  const splits = {
    train: truth(`split = 'train'`),
    dev: truth(`split = 'dev'`),
    test: truth(`split = 'test'`),
    none: truth('split IS NULL'),
  }
  expect(counts).toMatchObject({
    all: truth('1'),
    labeled: truth('label_count > 0'),
    unlabeled: truth('label_count = 0'),
    bySplit: splits,
  })
  const searched = await h!.api.call('annotation.countDocuments', { datasetId, query: 'number 1' })
  const like = `text LIKE '%number 1%'`
  expect(searched).toMatchObject({
    all: truth(like),
    labeled: truth(`${like} AND label_count > 0`),
    bySplit: { none: truth(`${like} AND split IS NULL`) },
  })
  expect((await h!.api.call('datasets.get', { id: datasetId })).splitCounts).toEqual(splits)
}

describe('document counts without indexes on unlabeled or unsplit documents', () => {
  it('stay right through import, labeling, bulk labeling, undo, splits, label deletion and copies', async () => {
    h = await startDatasetsCore()
    db = new Database(join(h.dataDir, DATABASE_FILE), { readonly: true })
    const datasetId = await importRows({ newDataset: { name: 'posts' } }, 40, 0)
    await expectCountsRight(datasetId)

    const sessionId = 's'
    const labels = (await h.api.call('datasets.get', { id: datasetId })).labels
    const labelA = labels.find((l) => l.name === 'a')?.id ?? -1
    const unlabeled = await h.api.call('annotation.listDocuments', {
      datasetId,
      filter: { status: 'unlabeled' },
    })
    const first = unlabeled.items[0]?.id ?? -1
    await h.api.call('annotation.toggleLabel', {
      datasetId,
      documentId: first,
      labelId: labelA,
      sessionId,
    })
    await expectCountsRight(datasetId)
    await h.api.call('annotation.setLabels', {
      datasetId,
      documentId: first,
      labelIds: [],
      sessionId,
    })
    await expectCountsRight(datasetId)

    const target = { filter: { status: 'unlabeled' as const } }
    await h.api.call('annotation.bulkLabel', {
      datasetId,
      sessionId,
      labelId: labelA,
      action: 'add',
      target,
      expectedCount: unlabeled.total,
    })
    await expectCountsRight(datasetId)
    const next = () => h!.api.call('annotation.nextUnlabeled', { datasetId, fromDocumentId: first })
    expect(await next()).toBeNull()
    await h.api.call('annotation.undo', { datasetId, sessionId })
    await expectCountsRight(datasetId)
    expect((await next())?.document.id).toBe(unlabeled.items[1]?.id)

    await h.api.call('datasets.split', { id: datasetId })
    await expectCountsRight(datasetId)
    await importRows({ datasetId }, 15, 100)
    await expectCountsRight(datasetId)

    await h.api.call('datasets.deleteLabel', { datasetId, labelId: labelA, confirm: true })
    await expectCountsRight(datasetId)
    const copy = await h.api.call('datasets.duplicate', { id: datasetId, name: 'copy' })
    await expectCountsRight(copy.id)
  })
})

/** The SQL a fresh documents repo prepares while `use` runs, with an empty workspace behind it. */
function preparedBy(use: (repo: ReturnType<typeof createDocumentsRepo>) => void): string[] {
  const file = openDatabase(join(temp.dir, `plans-${Math.random()}.sqlite`))
  const seen: string[] = []
  const recording = {
    prepare: (sql: string) => {
      seen.push(sql)
      return file.prepare(sql)
    },
  } as unknown as Sqlite
  const repo = createDocumentsRepo(recording)
  seen.length = 0 // the statements every repo prepares up front
  use(repo)
  // Counts of a whole dataset or its labeled documents come from the dataset's counters.
  const plans = seen
    .filter((sql) => sql.includes('FROM documents'))
    .map((sql) => {
      const statement = file.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      const args = Array.from({ length: sql.split('?').length - 1 }, () => 'x')
      return (statement.all(...args) as { detail: string }[]).map((r) => r.detail).join('; ')
    })
  file.close()
  return plans
}

describe('counting unlabeled and unsplit documents', () => {
  const id = 'c'.repeat(32)
  it('reads indexes only: the dataset index, the split index and the labeled index', () => {
    const plans = preparedBy((repo) => {
      repo.count(filterWhere(id, { status: 'labeled' }))
      repo.count(filterWhere(id, { status: 'unlabeled' }))
      repo.count(filterWhere(id, { split: 'none' }))
      repo.position(filterWhere(id, { status: 'unlabeled' }), 5)
      repo.countsBySplit(filterWhere(id), 10)
    })
    expect(plans.length).toBeGreaterThanOrEqual(4)
    for (const plan of plans) {
      expect(plan).not.toMatch(/SCAN d\b/)
      expect(plan).toMatch(/SEARCH d USING COVERING INDEX/)
    }
  })
})
