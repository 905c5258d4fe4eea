import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createWorkerPool } from '../../src-main/core/pool/worker-pool'
import { modelToFile, packDocs, trainModel, transferablesOf } from '../../src-worker/ml'
import type { WorkerProgress } from '../../src-worker/protocol'
import { watchedRegexMessage } from '../../src-worker/ml/tasks/predict-task'
import { createRegexWatch, readRegexWatch } from '../../src-worker/patterns/regex-watch'
import { decodeModelFile } from '../../src-worker/ml/file/model-file'
import { ApiError } from '../../src-main/api/errors'

const workerDir = join(import.meta.dirname, '../../src-worker')
const pool = createWorkerPool({ workerDir, maxThreads: 1, execArgv: ['--import', 'tsx'] })
afterAll(() => pool.close())

const texts = [
  'the club wins the football match',
  'striker scores in the league final',
  'bank shares fall as rates rise',
  'stocks and bonds rally on earnings',
  '球隊贏得比賽',
  '股市下跌 央行升息',
]
const labels = [['sports'], ['sports'], ['finance'], ['finance'], ['sports'], ['finance']]

describe('ml workers through Piscina threads', () => {
  it('trains and evaluates with progress, returning a model file', async () => {
    const train = packDocs({ size: texts.length, fields: { content: texts } }, labels)
    const evaluation = packDocs({ size: 2, fields: { content: ['football club', 'bank rates'] } }, [
      ['sports'],
      ['finance'],
    ])
    const progress: WorkerProgress[] = []
    const output = await pool.run(
      'ml.train',
      { config: { kind: 'linear-svm' }, train, evaluation },
      {
        onProgress: (p) => progress.push(p),
        transferList: [...transferablesOf(train), ...transferablesOf(evaluation)],
      },
    )
    expect(output.header.kind).toBe('linear-svm')
    expect(output.header.labels).toEqual(['finance', 'sports'])
    expect(output.header.trainingDataHash).toMatch(/^[0-9a-f]{64}$/)
    expect(output.report?.accuracy).toBe(1)
    expect(decodeModelFile(output.file).header.metrics.macroF1).toBe(1)
    expect(progress.length).toBeGreaterThan(0)
  })

  it("fails a bad parameter as a VALIDATION ApiError with the worker's message, not a crash", async () => {
    const train = packDocs({ size: texts.length, fields: { content: texts } }, labels)
    const run = pool.run('ml.train', { config: { kind: 'linear-svm', params: { Cc: 2 } }, train })
    const error: unknown = await run.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('VALIDATION')
    expect((error as Error).message).toMatch(/^Unknown parameter Cc for linear-svm; known: .*\bC\b/)
    const noData: unknown = await pool
      .run('ml.train', { config: { kind: 'linear-svm' } })
      .catch((e: unknown) => e)
    expect(noData).toMatchObject({
      code: 'VALIDATION',
      message: 'A linear-svm model needs labelled training data.',
    })
  })

  it('labels a packed batch with several models and reuses cached models', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audience-ml-'))
    const svmPath = join(dir, 'svm.audmodel')
    writeFileSync(svmPath, modelToFile(trainModel({ kind: 'linear-svm' }, { texts, labels })))
    const keyword = modelToFile(
      trainModel(
        {
          kind: 'keyword',
          keywordRules: [{ label: 'ball', keyword: 'football', match: 'partially' }],
        },
        null,
      ),
    )
    const rows = ['football tonight', '央行升息']
    const run = (models: { id: string; version: number; path?: string; file?: Uint8Array }[]) => {
      const docs = packDocs({ size: rows.length, fields: { content: rows } })
      return pool.run('ml.predict', { models, docs }, { transferList: transferablesOf(docs) })
    }
    const first = await run([
      { id: 'svm', version: 1, path: svmPath },
      { id: 'kw', version: 3, file: keyword },
    ])
    expect(first.size).toBe(2)
    const [svm, kw] = first.predictions
    expect(svm!.labels).toEqual(['finance', 'sports'])
    expect([...svm!.assigned]).toEqual([0, 1, 1, 0])
    expect([...kw!.assigned]).toEqual([1, 0])
    const again = await run([{ id: 'kw', version: 3 }])
    expect([...again.predictions[0]!.assigned]).toEqual([1, 0])
    const docs = packDocs({ size: rows.length, fields: { content: rows } })
    const explained = await pool.run(
      'ml.predict',
      { models: [{ id: 'kw', version: 3 }], docs, explain: true },
      { transferList: transferablesOf(docs) },
    )
    // The unmatched row comes back as a hole, not an empty array.
    const explanations = explained.predictions[0]!.explanations!
    expect(explanations[0]).toEqual([{ label: 'ball', matches: [{ term: 'football', count: 1 }] }])
    expect(1 in explanations).toBe(false)
  })

  it('cuts off a catastrophic regex at the time budget and names the pattern', async () => {
    const regex = modelToFile(
      trainModel(
        {
          kind: 'regex',
          regexRules: [
            { label: 'ok', pattern: 'x' },
            { label: 'bad', pattern: '^(a+)+$' },
          ],
        },
        null,
      ),
    )
    const models = [{ id: 're', version: 1, file: regex }]
    const watch = createRegexWatch()
    const docs = packDocs({ size: 1, fields: { content: ['a'.repeat(40) + 'b'] } })
    const started = Date.now()
    await expect(
      pool.run(
        'ml.predict',
        { models, docs, watch, timeBudgetMs: 300 },
        { signal: AbortSignal.timeout(300) },
      ),
    ).rejects.toBeDefined()
    expect(Date.now() - started).toBeLessThan(10_000)
    const state = readRegexWatch(new Int32Array(watch))
    expect(state).toEqual({ kind: 'model', group: 0, item: 1, overBudget: false })
    expect(watchedRegexMessage(state!, models, 300)).toMatch(
      /Regex \/\^\(a\+\)\+\$\/ of label "bad" ran longer than 300 ms/,
    )
  })
})
