import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  fixture,
  importInto,
  runImport,
  snapshot,
  startDatasetsCore,
  writeFixture,
  type Harness,
} from './datasets-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const bigJsonl = (rows: number) =>
  Array.from({ length: rows }, (_, i) =>
    JSON.stringify({ text: `post number ${i} 第${i}篇`, label: [`l${i % 5}`] }),
  ).join('\n')

describe('datasets.import is one transaction', () => {
  it('a file that fails (strict mode) leaves the dataset exactly as before', async () => {
    h = await startDatasetsCore()
    const base = await importInto(h, 'base', fixture('annotated.jsonl'))
    const before = await snapshot(h, base.datasetId)
    const bad = writeFixture(
      h.dataDir,
      'bad.jsonl',
      '{"text":"new one","label":["brand-new"]}\n{"text":\n',
    )
    const { task } = await runImport(h, {
      target: { datasetId: base.datasetId },
      source: { path: bad },
      options: { onProblem: 'fail' },
    } as never)
    expect(task.status).toBe('FAILURE')
    expect(task.error?.message).toMatch(/Line 2: .*Nothing was imported/)
    expect(await snapshot(h, base.datasetId)).toEqual(before)
  })

  it('a failure while saving rolls back documents, labels and a new dataset', async () => {
    h = await startDatasetsCore()
    const base = await importInto(h, 'base', fixture('annotated.jsonl'))
    const before = await snapshot(h, base.datasetId)
    h.core.db
      .exec(`CREATE TEMP TRIGGER poison BEFORE INSERT ON main.documents WHEN NEW.text = 'poison'
                    BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`)
    const file = writeFixture(
      h.dataDir,
      'p.jsonl',
      '{"text":"fine","label":["x-new"]}\n{"text":"poison"}\n',
    )
    const into = await runImport(h, {
      target: { datasetId: base.datasetId },
      source: { path: file },
    })
    expect(into.task.status).toBe('FAILURE')
    expect(await snapshot(h, base.datasetId)).toEqual(before)
    const fresh = await runImport(h, {
      target: { newDataset: { name: 'fresh' } },
      source: { path: file },
    })
    expect(fresh.task.status).toBe('FAILURE')
    expect((await h.api.call('datasets.list', {})).map((d) => d.name)).toEqual(['base'])
  })

  it('an aborted import leaves the dataset unchanged and removes its staging file', async () => {
    h = await startDatasetsCore()
    const base = await importInto(h, 'base', fixture('annotated.jsonl'))
    const before = await snapshot(h, base.datasetId)
    const file = writeFixture(h.dataDir, 'big.jsonl', bigJsonl(300_000))
    const core = h.core
    const { taskId } = await h.api.call('datasets.startImport', {
      target: { datasetId: base.datasetId },
      source: { path: file },
    })
    await new Promise<void>((resolve) => {
      const stop = core.events.subscribe((m) => {
        if (
          m.event === 'task.updated' &&
          m.payload.id === taskId &&
          (m.payload.progress?.done ?? 0) > 0
        ) {
          stop()
          resolve()
        }
      })
    })
    const aborted = await h.api.call('tasks.abort', { id: taskId })
    expect(aborted.status).toBe('ABORTED')
    expect(await snapshot(h, base.datasetId)).toEqual(before)
    const tmp = join(h.dataDir, 'tmp')
    expect(existsSync(tmp) ? readdirSync(tmp).filter((f) => f.endsWith('.sqlite')) : []).toEqual([])
  })
})

describe('datasets.import reports', () => {
  it('detects duplicates by normalised text: skip or keep, with counts', async () => {
    h = await startDatasetsCore()
    const text = '{"text":"same  text"}\n{"text":"same text "}\n{"text":"other"}\n'
    const file = writeFixture(h.dataDir, 'd.jsonl', text)
    const skip = await importInto(h, 'skip', file)
    expect([skip.imported, skip.duplicatesSkipped]).toEqual([2, 1])
    const again = await runImport(h, {
      target: { datasetId: skip.datasetId },
      source: { path: file },
    })
    expect([again.report?.imported, again.report?.duplicatesSkipped]).toEqual([0, 3])
    const keep = await runImport(h, {
      target: { newDataset: { name: 'keep' } },
      source: { path: file },
      options: { duplicates: 'keep' },
    } as never)
    expect([keep.report?.imported, keep.report?.duplicatesKept]).toEqual([3, 1])
  })

  it('imports text content sent by a browser, detecting format from the file name', async () => {
    h = await startDatasetsCore()
    const content = 'content,category,extra\n你好,"[""a"",""b""]",x\n,a,y\n'
    const { report } = await runImport(h, {
      target: { newDataset: { name: 'upload' } },
      source: { content, fileName: 'posts.csv' },
      options: { onProblem: 'skip' },
    })
    expect(report).toMatchObject({
      format: 'csv',
      imported: 1,
      labelsCreated: ['a', 'b'],
      problemCounts: { 'unknown-column': 1, 'missing-text': 1 },
      skippedLines: [3],
    })
    expect(readdirSync(join(h.dataDir, 'tmp', 'uploads'))).toEqual([])
  })

  it('reads UTF-16 files and previews CSV columns', async () => {
    h = await startDatasetsCore()
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('body\ttag\n中文內容\t學生\n', 'utf16le'),
    ])
    const file = writeFixture(h.dataDir, 'u.tsv', utf16)
    const preview = await h.api.call('datasets.previewImport', { source: { path: file } })
    expect(preview).toMatchObject({ format: 'tsv', encoding: 'utf-16le', columns: ['body', 'tag'] })
    const report = await runImport(h, {
      target: { newDataset: { name: 'u16', labelMode: 'single' } },
      source: { path: file },
      options: { textColumn: 'body', labelColumn: 'tag' },
    } as never)
    expect(report.report).toMatchObject({
      encoding: 'utf-16le',
      imported: 1,
      labelsCreated: ['學生'],
    })
  })

  it('keeps one label per document in a single-label dataset and says which were dropped', async () => {
    h = await startDatasetsCore()
    const created = await h.api.call('datasets.create', { name: 's', labelMode: 'single' })
    const file = writeFixture(h.dataDir, 'm.jsonl', '{"text":"a","label":["x","y"]}\n')
    const { report } = await runImport(h, {
      target: { datasetId: created.id },
      source: { path: file },
    })
    expect(report?.problemCounts).toEqual({ 'extra-labels': 1 })
    const { docs } = await snapshot(h, created.id)
    expect(docs.map((d) => d.labels)).toEqual([['x']])
  })
})
