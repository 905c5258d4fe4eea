import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PredictStartParams } from '../../src-main/api/contract/predicting'
import { createCsvSink, csvPanelPath } from '../../src-main/core/predicting/sinks/csv-sink'
import { createSqliteSink } from '../../src-main/core/predicting/sinks/sqlite-sink'
import type { OutputRow } from '../../src-main/core/predicting/types'
import { modelToFile, trainModel } from '../../src-worker/ml'
import { readDelimitedText } from '../../src-worker/ml/io/delimited-reader'
import { readXlsxRows } from '../../src-worker/ml/io/xlsx'
import { startTestCore } from '../helpers/core-harness'

/** Backtracks for hours on this text: only the watchdog can end a test of it. */
const CATASTROPHIC = '^(a+)+$'
const STUCK_TEXT = `${'a'.repeat(40)}!`
const BUDGET_MS = 300

type Harness = Awaited<ReturnType<typeof startTestCore>>
let h: Harness
let datasetId: string
let spamId: string

/** Resolves to whether `promise` was still pending when `other` settled. */
async function pendingWhile(promise: Promise<unknown>, other: Promise<unknown>) {
  let settled = false
  promise.then(
    () => (settled = true),
    () => (settled = true),
  )
  await other
  return !settled
}

beforeAll(async () => {
  h = await startTestCore({ seedDemo: false, regexBudgetMs: BUDGET_MS })
  const lines = ['football today', 'guitar tonight', 'more football', STUCK_TEXT].map((text, i) =>
    JSON.stringify({ text, label: i % 2 ? 'music' : 'sport' }),
  )
  const { taskId } = await h.api.call('datasets.startImport', {
    target: { newDataset: { name: 'long work' } },
    source: { content: lines.join('\n') + '\n', fileName: 'posts.jsonl' },
  })
  expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
  datasetId = ((await h.api.call('tasks.show', { id: taskId })).stats as { datasetId: string })
    .datasetId
  spamId = (
    await h.api.call('preprocessing.saveSet', {
      name: 'spam',
      mode: 'drop',
      patterns: ['buy now', CATASTROPHIC],
    })
  ).id
})

afterAll(async () => {
  await h?.close()
})

const exclusionStopped = expect.objectContaining({
  code: 'VALIDATION',
  message: expect.stringContaining(
    `Exclusion set "spam": the pattern /${CATASTROPHIC}/ ran longer than ${BUDGET_MS} ms on one text`,
  ),
})

describe('regexes from users run off the thread that answers calls', () => {
  it('stops an exclusion test stuck in one pattern, naming it, while other calls are answered', async () => {
    const testing = h.api.call('preprocessing.testSet', { datasetId, setId: spamId })
    expect(await pendingWhile(testing, h.api.call('system.info', {}))).toBe(true)
    await expect(testing).rejects.toEqual(exclusionStopped)
    // The same set without the stuck text: the worker replaced, the rest of the set still works.
    const draft = { name: 'spam', mode: 'drop' as const, patterns: ['football'] }
    const tested = await h.api.call('preprocessing.testSet', { datasetId, draft })
    expect(tested).toMatchObject({ documents: 4, dropped: 2, changed: 0 })
    expect(tested.examples.map((e) => e.matchedBy)).toEqual(['football', 'football'])
  })

  it('fails a training task whose exclusion set gets stuck, naming the pattern and saving nothing', async () => {
    const { taskId } = await h.api.call('models.startTraining', {
      datasetId,
      kind: 'nb',
      trainSplits: ['none'],
      testSplit: null,
      exclusionSetIds: [spamId],
    })
    const task = await h.core.tasks.settled(taskId)
    expect(task.status).toBe('FAILURE')
    expect(task.error).toEqual(exclusionStopped)
    expect(await h.api.call('models.list', {})).toEqual([])
  })

  describe('predicting', () => {
    const source = () => {
      const path = join(h.dataDir, 'posts.csv')
      const rows = ['football today', 'guitar tonight', STUCK_TEXT, 'xylophone']
      writeFileSync(path, ['id,content', ...rows.map((text, i) => `${i + 1},${text}`)].join('\n'))
      return {
        kind: 'file' as const,
        path,
        format: 'csv' as const,
        columns: { id: 'id', content: 'content' },
      }
    }
    const regexModel = (path: string, slow: string) =>
      writeFileSync(
        path,
        modelToFile(
          trainModel(
            {
              kind: 'regex',
              regexRules: [
                { label: 'x', pattern: 'x' },
                { label: 'slow', pattern: slow },
              ],
            },
            null,
          ),
        ),
      )
    const params = (models: PredictStartParams['models'], out: string): PredictStartParams => ({
      sources: [source()],
      models,
      sink: { kind: 'sqlite', path: join(h.dataDir, out), table: 'results' },
      exclusiveGroups: [],
      batchSize: 500,
    })

    it('fails a task whose regex model gets stuck, naming the pattern; its resume keeps that model, a new task takes the fixed one', async () => {
      const model = join(h.dataDir, 'slow.audmodel')
      regexModel(model, CATASTROPHIC)
      const { taskId } = await h.api.call(
        'predict.start',
        params([{ model: { kind: 'file', path: model } }], 'regex.sqlite'),
      )
      const failed = await h.core.tasks.settled(taskId)
      expect(failed.status).toBe('FAILURE')
      expect(failed.error).toEqual(
        expect.objectContaining({
          code: 'VALIDATION',
          message: expect.stringMatching(
            /^Regex \/\^\(a\+\)\+\$\/ of label "slow" ran longer than 300 ms on one batch/,
          ),
        }),
      )
      regexModel(model, '^a+!$')
      // A resume reads the copy of the model file the task started with, stuck pattern and all.
      await h.api.call('tasks.resume', { id: taskId })
      const resumed = await h.core.tasks.settled(taskId)
      expect(resumed.status).toBe('FAILURE')
      expect(resumed.error?.message).toMatch(/^Regex \/\^\(a\+\)\+\$\/ of label "slow"/)
      const again = await h.api.call(
        'predict.start',
        params([{ model: { kind: 'file', path: model } }], 'regex-fixed.sqlite'),
      )
      const fixed = await h.core.tasks.settled(again.taskId)
      expect(fixed.status, JSON.stringify(fixed.error)).toBe('SUCCESS')
      const stats = await h.api.call('predict.stats', { taskId: again.taskId })
      expect(stats.perLabel).toEqual({ slow: 1, x: 1 })
    })

    it('applies exclusion sets on the labelling thread and stops a stuck one, naming it', async () => {
      const keywords = {
        kind: 'keywords' as const,
        name: 'topics',
        version: '1',
        labels: { sport: ['football'], music: ['guitar'] },
      }
      const stuck = await h.api.call(
        'predict.start',
        params([{ model: keywords, exclusionSetIds: [spamId] }], 'stuck.sqlite'),
      )
      const failed = await h.core.tasks.settled(stuck.taskId)
      expect(failed.status).toBe('FAILURE')
      expect(failed.error).toEqual(exclusionStopped)

      const music = await h.api.call('preprocessing.saveSet', {
        name: 'no music',
        mode: 'drop',
        patterns: ['guitar'],
      })
      const { taskId } = await h.api.call(
        'predict.start',
        params([{ model: keywords, exclusionSetIds: [music.id] }], 'dropped.sqlite'),
      )
      expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
      const stats = await h.api.call('predict.stats', { taskId })
      expect(stats).toMatchObject({ received: 4, excluded: 1, perLabel: { sport: 1 } })
    })
  })
})

describe('the author panel of a SQLite output is built on its own thread', () => {
  const TASK = 'd'.repeat(32)
  const rows: OutputRow[] = ['amy', 'amy', 'bob'].map((author, i) => ({
    table: 'results',
    id: String(i + 1),
    author,
    label: i === 2 ? 'female' : 'male',
    score: 1,
    model: 'm@1',
    postTime: `2021-01-0${i + 1} 00:00:00`,
    sourceId: null,
    matched: null,
  }))

  it('answers calls while the panel thread is held, then writes the panel', async () => {
    const path = join(h.dataDir, 'held.sqlite')
    const hold = new SharedArrayBuffer(4)
    const sink = createSqliteSink({ path, tables: ['results'], taskId: TASK, holdFinish: hold })
    await sink.prepare()
    await sink.write(rows)
    const finishing = sink.finish([['male', 'female']])
    try {
      expect(await pendingWhile(finishing, h.api.call('system.info', {}))).toBe(true)
      expect(await pendingWhile(finishing, h.api.call('tasks.list', {}))).toBe(true)
    } finally {
      Atomics.store(new Int32Array(hold), 0, 1)
      Atomics.notify(new Int32Array(hold), 0)
    }
    expect(await finishing).toEqual([{ table: 'results', rows: 3, labeledAuthors: 2 }])
    await sink.close()
    const db = new Database(path, { readonly: true })
    const panel = db
      .prepare('SELECT source_author, label, posts, latest_id FROM results_authors ORDER BY 1')
      .raw()
      .all()
    db.close()
    expect(panel).toEqual([
      ['amy', 'male', 2, '2'],
      ['bob', 'female', 1, '3'],
    ])
  })

  it('writes the CSV files of a CSV output on that thread', async () => {
    const path = join(h.dataDir, 'held.csv')
    const hold = new SharedArrayBuffer(4)
    const sink = createCsvSink({ path, csvFlavour: 'raw', taskId: TASK, holdFinish: hold })
    await sink.prepare()
    await sink.write(rows)
    const finishing = sink.finish([])
    expect(await pendingWhile(finishing, h.api.call('system.info', {}))).toBe(true)
    expect(existsSync(path)).toBe(false)
    Atomics.store(new Int32Array(hold), 0, 1)
    Atomics.notify(new Int32Array(hold), 0)
    expect(await finishing).toEqual([{ table: 'results', rows: 3, labeledAuthors: 2 }])
    await sink.close()
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(4)
    expect(readFileSync(csvPanelPath(path), 'utf8')).toContain('amy,male,2,2,')
  })

  it('writes a CSV output to an .xlsx path as workbooks with the same cells', async () => {
    const cellsOf = async (path: string) => {
      if (!path.endsWith('.xlsx')) {
        return readDelimitedText(readFileSync(path, 'utf8'), path).map((r) => r.fields)
      }
      const read: string[][] = []
      for await (const row of readXlsxRows(path, undefined, path).rows) read.push(row.fields)
      return read
    }
    const write = async (path: string) => {
      const sink = createCsvSink({ path, csvFlavour: 'raw', taskId: TASK })
      await sink.prepare()
      await sink.write(rows)
      expect(await sink.finish([])).toEqual([{ table: 'results', rows: 3, labeledAuthors: 2 }])
      await sink.close()
    }
    const csv = join(h.dataDir, 'same.csv')
    const xlsx = join(h.dataDir, 'same.xlsx')
    await write(csv)
    await write(xlsx)
    expect(csvPanelPath(xlsx)).toBe(join(h.dataDir, 'same_authors.xlsx'))
    expect(await cellsOf(xlsx)).toEqual(await cellsOf(csv))
    expect(await cellsOf(csvPanelPath(xlsx))).toEqual(await cellsOf(csvPanelPath(csv)))
  })
})
