import { spawn } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient, type ApiClient } from '../../src-main/api/client'
import { createCore } from '../../src-main/core/create-core'
import type { TestGates } from '../../src-main/core/test-gates'
import { openImportReader, WORKER_MIN_BYTES } from '../../src-main/core/datasets/import-reader'
import { unpackReadItems, type ReadItem } from '../../src-main/core/datasets/read-batch-columns'
import { DEFAULT_READ } from '../../src-main/core/datasets/import-source'
import { writerThreadFor } from '../../src-main/core/datasets/import-write-thread'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { repoRoot, startTestCore, testCoreConfig } from '../helpers/core-harness'
import { makeTempDir } from '../helpers/temp-dir'
import {
  fixture,
  importInto,
  runImport,
  snapshot,
  writeFixture,
  type Harness,
} from './datasets-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

/** A gate the test opens: once armed, the next work to pass waits there (`reached`) until `open`. */
function gate() {
  let reach: () => void = () => {}
  let open: () => void = () => {}
  const reached = new Promise<void>((r) => (reach = r))
  const opened = new Promise<void>((r) => (open = r))
  let armed = false
  return {
    reached,
    open,
    arm: () => void (armed = true),
    wait: async (_chunk: number, signal: AbortSignal) => {
      if (!armed) return
      armed = false
      reach()
      await Promise.race([
        opened,
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted at the gate'))),
        ),
      ])
    },
  }
}

const LABELS = ['male', 'female', 'parent', 'student']
/** `rows` posts; every 7th repeats an earlier one far back (another chunk), every 3rd is unlabeled. */
function posts(rows: number, prefix = 'post', repeats = true) {
  const lines: string[] = []
  for (let i = 0; i < rows; i++) {
    const n = repeats && i % 7 === 6 && i > 1500 ? i - 1500 : i
    const label = i % 3 === 0 ? [] : [LABELS[i % 4], ...(i % 10 === 1 ? ['teacher'] : [])]
    const text = `${prefix} ${n} 今天的珍奶${n % 50 === 0 ? '' : '太甜了'} number${n}`
    lines.push(JSON.stringify({ text, label }))
  }
  return lines.join('\n') + '\n'
}

async function startImport(api: ApiClient, target: object, path: string) {
  const { taskId } = await api.call('datasets.startImport', {
    target,
    source: { path },
  } as never)
  return taskId
}

const pendingRows = (harness: Pick<Harness, 'core'>, datasetId: string) =>
  (
    harness.core.db
      .prepare('SELECT count(*) AS n FROM documents WHERE dataset_id = ?')
      .get(datasetId) as { n: number }
  ).n

describe('a chunked import', () => {
  it('answers calls while held between chunks, shows nothing until its commit, then counts right', async () => {
    const held = gate()
    const gates: TestGates = { importWrite: held.wait }
    h = await startTestCore({ seedDemo: false, testGates: gates })
    const base = await importInto(h, 'base', fixture('annotated.jsonl'))
    const before = await snapshot(h, base.datasetId)
    const file = writeFixture(h.dataDir, 'posts.jsonl', posts(4000))
    held.arm()
    const taskId = await startImport(h.api, { datasetId: base.datasetId }, file)
    await held.reached

    // The first chunk is in the workspace, the import is mid-run, and every call answers.
    expect(pendingRows(h, base.datasetId)).toBeGreaterThan(before.docs.length)
    expect((await h.api.call('tasks.show', { id: taskId })).status).toBe('RUNNING')
    expect((await h.api.call('system.info', {})).schemaVersion).toBeGreaterThan(0)
    expect(await snapshot(h, base.datasetId)).toEqual(before)
    const listed = (await h.api.call('datasets.list', {})).find((d) => d.id === base.datasetId)
    expect(listed?.documentCount).toBe(before.docs.length)
    const pendingId = (
      h.core.db.prepare('SELECT max(id) AS id FROM documents').get() as { id: number }
    ).id
    await expect(
      h.api.call('annotation.getDocument', { datasetId: base.datasetId, documentId: pendingId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(h.api.call('datasets.split', { id: base.datasetId })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    })

    held.open()
    const task = await h.core.tasks.settled(taskId)
    expect(task.status).toBe('SUCCESS')
    const report = (await h.api.call('tasks.show', { id: taskId })).stats as {
      imported: number
      duplicatesSkipped: number
      labelsCreated: string[]
    }
    const repeats = Array.from({ length: 4000 }, (_, i) => i).filter(
      (i) => i % 7 === 6 && i > 1500,
    ).length
    expect(report).toMatchObject({ imported: 4000 - repeats, duplicatesSkipped: repeats })
    expect(report.labelsCreated).toEqual(expect.arrayContaining(['teacher']))

    // Counters kept by the import equal what the rows say.
    const count = (sql: string, ...args: unknown[]) =>
      (h?.core.db.prepare(sql).get(...args) as { n: number }).n
    const dataset = await h.api.call('datasets.get', { id: base.datasetId })
    expect(dataset.documentCount).toBe(before.docs.length + report.imported)
    expect(dataset.documentCount).toBe(
      count('SELECT count(*) AS n FROM documents WHERE dataset_id = ?', base.datasetId),
    )
    expect(dataset.labeledCount).toBe(
      count(
        'SELECT count(*) AS n FROM documents WHERE dataset_id = ? AND label_count > 0',
        base.datasetId,
      ),
    )
    for (const label of dataset.labels) {
      expect(label.count, label.name).toBe(
        count('SELECT count(*) AS n FROM annotations WHERE label_id = ?', label.id),
      )
    }
    expect(
      count(
        `SELECT count(*) AS n FROM documents d WHERE d.dataset_id = ? AND d.label_count !=
           (SELECT count(*) FROM annotations a WHERE a.document_id = d.id)`,
        base.datasetId,
      ),
    ).toBe(0)
    const counts = await h.api.call('annotation.countDocuments', { datasetId: base.datasetId })
    expect(counts.all).toBe(dataset.documentCount)
  })

  it('aborted at the gate, leaves an existing dataset as it was and a new one absent, then removes its rows', async () => {
    const held = gate()
    h = await startTestCore({ seedDemo: false, testGates: { importWrite: held.wait } })
    const base = await importInto(h, 'base', fixture('annotated.jsonl'))
    const before = await snapshot(h, base.datasetId)
    const file = writeFixture(h.dataDir, 'posts.jsonl', posts(3000))
    held.arm()
    const into = await startImport(h.api, { datasetId: base.datasetId }, file)
    await held.reached
    const aborting = h.api.call('tasks.abort', { id: into })
    held.open()
    expect((await aborting).status).toBe('ABORTED')
    expect(await snapshot(h, base.datasetId)).toEqual(before)
    await h.core.background.idle()
    expect(pendingRows(h, base.datasetId)).toBe(before.docs.length)
    expect(
      h.core.db.prepare('SELECT count(*) AS n FROM labels WHERE import_id IS NOT NULL').get(),
    ).toEqual({ n: 0 })

    const second = gate()
    await h.close()
    h = await startTestCore({ seedDemo: false, testGates: { importWrite: second.wait } })
    second.arm()
    const freshFile = writeFixture(h.dataDir, 'posts.jsonl', posts(3000))
    const fresh = await startImport(h.api, { newDataset: { name: 'fresh' } }, freshFile)
    await second.reached
    expect((await h.api.call('datasets.list', {})).map((d) => d.name)).toEqual([])
    const abortFresh = h.api.call('tasks.abort', { id: fresh })
    second.open()
    expect((await abortFresh).status).toBe('ABORTED')
    await h.core.background.idle()
    expect(h.core.db.prepare('SELECT count(*) AS n FROM datasets').get()).toEqual({ n: 0 })
    expect(h.core.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 })
    // The name is free again.
    await h.api.call('datasets.create', { name: 'fresh' })
  })

  it('removes the rows of an import whose process was killed, once its task is known dead', async () => {
    const temp = makeTempDir()
    const open = async () => {
      const core = await createCore(testCoreConfig(temp.dir, { seedDemo: false }))
      const api = createApiClient(memoryTransport(core))
      return { core, api, dataDir: temp.dir, close: () => core.close() }
    }
    h = { ...(await open()), close: async () => temp.cleanup() }
    const first = h
    const base = await importInto(first, 'base', fixture('annotated.jsonl'))
    const before = await snapshot(first, base.datasetId)
    const file = writeFixture(temp.dir, 'posts.jsonl', posts(3000))
    await first.core.close()

    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      join(import.meta.dirname, '../helpers/import-kill-child.ts'),
      temp.dir,
      file,
      base.datasetId,
    ])
    const taskId = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /held ([0-9a-f]{32})/.exec(chunk.toString())
        if (match?.[1]) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)))
    })
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited

    const next = await open()
    h = { ...next, close: async () => (await next.close(), temp.cleanup()) }
    expect(await snapshot(h, base.datasetId)).toEqual(before)
    // Long enough ago that its heartbeat says the process is gone.
    h.core.db.prepare('UPDATE tasks SET heartbeat_at = 0 WHERE id = ?').run(taskId)
    expect((await h.api.call('tasks.show', { id: taskId })).status).toBe('INTERRUPTED')
    await h.core.background.idle()
    expect(pendingRows(h, base.datasetId)).toBe(before.docs.length)
    expect(h.core.db.prepare('SELECT count(*) AS n FROM dataset_imports').get()).toEqual({ n: 0 })
    expect(await snapshot(h, base.datasetId)).toEqual(before)
  })
})

describe('a big file', () => {
  it('is read on a worker thread, with the same report as when read in this thread', async () => {
    h = await startTestCore({ seedDemo: false })
    const lines = ['text,label']
    for (let i = 0; lines.length < 12_001; i++) {
      const label = i % 3 === 0 ? '' : LABELS[i % 4]
      lines.push(`"post ${i % 11_000}, ${'今天的珍奶太甜了 '.repeat(20)}",${label}`)
    }
    lines.push('"a quoted field that never closes')
    const big = writeFixture(h.dataDir, 'big.csv', lines.join('\n'))
    expect(statSync(big).size).toBeGreaterThan(WORKER_MIN_BYTES)
    const failed = await runImport(h, {
      target: { newDataset: { name: 'x' } },
      source: { path: big },
    })
    expect(failed.task.error?.message).toMatch(
      /^big.csv, line 12002: a quoted field is never closed/,
    )
    const good = writeFixture(h.dataDir, 'good.csv', lines.slice(0, -1).join('\n'))
    const read = async (worker?: { dir: string }) => {
      const reader = await openImportReader(
        { path: good, fileName: 'good.csv', format: 'auto', read: DEFAULT_READ },
        worker,
      )
      const items: ReadItem[] = []
      for await (const batch of reader.batches) items.push(...unpackReadItems(batch.columns))
      return { inWorker: reader.inWorker, items }
    }
    const inWorker = await read({ dir: join(repoRoot, 'src-worker') })
    const inThread = await read()
    expect([inWorker.inWorker, inThread.inWorker]).toEqual([true, false])
    expect(inWorker.items.filter((i) => 'record' in i)).toHaveLength(12_000)
    expect(inWorker.items).toEqual(inThread.items)
    const report = await importInto(h, 'big', good)
    expect(report).toMatchObject({
      format: 'csv',
      rowsRead: 12_000,
      imported: 11_000,
      duplicatesSkipped: 1_000,
    })
    expect(report.labelsCreated.sort()).toEqual([...LABELS].sort())
    const dataset = await h.api.call('datasets.get', { id: report.datasetId })
    expect(dataset.documentCount).toBe(11_000)
  })
})

describe('a big file written on the writer thread', () => {
  /** Posts of ~200 characters: big enough for the reader and writer threads. */
  const bigPosts = (rows: number) => {
    const lines = ['text,label']
    for (let i = 0; i < rows; i++) {
      const label = i % 3 === 0 ? '' : `${LABELS[i % 4]}${i % 10 === 1 ? '#teacher' : ''}`
      lines.push(`"big ${i % 4_500} ${'今天的珍奶太甜了 '.repeat(20)}",${label}`)
    }
    return lines.join('\n')
  }

  it('held at the chunk gate is invisible while calls answer; it commits right, or aborted leaves nothing', async () => {
    const held = gate()
    h = await startTestCore({ seedDemo: false, testGates: { importWrite: held.wait } })
    const base = await importInto(h, 'base', fixture('annotated.jsonl'))
    const before = await snapshot(h, base.datasetId)
    const file = writeFixture(h.dataDir, 'big.csv', bigPosts(5_000))
    expect(writerThreadFor(file, { dir: join(repoRoot, 'src-worker') })).not.toBeNull()

    held.arm()
    const aborted = await startImport(h.api, { datasetId: base.datasetId }, file)
    await held.reached
    expect(pendingRows(h, base.datasetId)).toBeGreaterThan(before.docs.length)
    expect((await h.api.call('system.info', {})).schemaVersion).toBeGreaterThan(0)
    expect(await snapshot(h, base.datasetId)).toEqual(before)
    const aborting = h.api.call('tasks.abort', { id: aborted })
    held.open()
    expect((await aborting).status).toBe('ABORTED')
    await h.core.background.idle()
    expect(pendingRows(h, base.datasetId)).toBe(before.docs.length)
    expect(await snapshot(h, base.datasetId)).toEqual(before)
    expect(h.core.db.prepare('SELECT count(*) AS n FROM dataset_imports').get()).toEqual({ n: 0 })

    const again = gate()
    await h.close()
    h = await startTestCore({ seedDemo: false, testGates: { importWrite: again.wait } })
    again.arm()
    const fresh = writeFixture(h.dataDir, 'big.csv', bigPosts(5_000))
    const taskId = await startImport(h.api, { newDataset: { name: 'big' } }, fresh)
    await again.reached
    expect((await h.api.call('datasets.list', {})).map((d) => d.name)).toEqual([])
    again.open()
    expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    const report = (await h.api.call('tasks.show', { id: taskId })).stats as {
      datasetId: string
      imported: number
      duplicatesSkipped: number
    }
    expect(report).toMatchObject({ imported: 4_500, duplicatesSkipped: 500 })
    const dataset = await h.api.call('datasets.get', { id: report.datasetId })
    const count = (sql: string, ...args: unknown[]) =>
      (h?.core.db.prepare(sql).get(...args) as { n: number }).n
    expect(dataset.documentCount).toBe(4_500)
    expect(dataset.labeledCount).toBe(
      count(
        'SELECT count(*) AS n FROM documents WHERE dataset_id = ? AND label_count > 0',
        report.datasetId,
      ),
    )
    for (const label of dataset.labels) {
      expect(label.count, label.name).toBe(
        count('SELECT count(*) AS n FROM annotations WHERE label_id = ?', label.id),
      )
    }
    expect(dataset.labels.map((l) => l.name).sort()).toEqual([...LABELS, 'teacher'].sort())
  })
})

describe('suggestions from a file', () => {
  it('are kept with their scores and labels when the import is chunked', async () => {
    h = await startTestCore({ seedDemo: false })
    const report = await importInto(h, 'studio', fixture('label-studio.json'))
    const dataset = await h.api.call('datasets.get', { id: report.datasetId })
    const names = new Map(dataset.labels.map((l) => [l.id, l.name]))
    const page = await h.api.call('annotation.listDocuments', { datasetId: report.datasetId })
    const first = await h.api.call('annotation.getDocument', {
      datasetId: report.datasetId,
      documentId: page.items[0]?.id ?? 0,
    })
    expect(first.suggestions.map((s) => [names.get(s.labelId), s.score])).toEqual([['parent', 0.8]])
    expect(first.labelIds.map((id) => names.get(id)).sort()).toEqual(['male', 'parent'])
    expect(Object.fromEntries(dataset.labels.map((l) => [l.name, l.count]))).toMatchObject({
      male: 1,
      parent: 1,
    })
    expect(dataset).toMatchObject({ documentCount: 2, labeledCount: 1 })
  })
})

describe('the search index built after an import', () => {
  it('finds 3+ character and two-character CJK terms before and after the index is ready', async () => {
    const held = gate()
    h = await startTestCore({ seedDemo: false, testGates: { searchIndex: held.wait } })
    const file = writeFixture(h.dataDir, 'posts.jsonl', posts(2000, 'unique', false))
    held.arm()
    const report = await importInto(h, 'searchable', file)
    const datasetId = report.datasetId
    await held.reached
    const search = async (query: string) => {
      const page = await h!.api.call('annotation.listDocuments', {
        datasetId,
        filter: { query },
        limit: 500,
      })
      return { total: page.total, indexing: page.indexing }
    }
    const ftsMatches = (term: string) =>
      h!.core.db
        .prepare(`SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH ?`)
        .get(`"${term}"`)
    // number1234 matches number1234 only; 珍奶 is in every post; 珍奶太 misses every 50th.
    const expected = { number1234: 1, 珍奶: 2000, 珍奶太: 2000 - 40 }
    expect(ftsMatches('珍奶太')).toEqual({ n: 0 })
    for (const [query, total] of Object.entries(expected)) {
      expect(await search(query), query).toEqual({ total, indexing: 0 })
    }
    held.open()
    await h.core.background.idle()
    expect(ftsMatches('珍奶太')).toEqual({ n: 2000 - 40 })
    for (const [query, total] of Object.entries(expected)) {
      expect(await search(query), query).toEqual({ total, indexing: undefined })
    }
    const counts = await h.api.call('annotation.countDocuments', { datasetId, query: '珍奶太' })
    expect(counts.all).toBe(2000 - 40)
  })
})
