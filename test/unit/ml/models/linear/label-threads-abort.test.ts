import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'

const threadCount = () =>
  Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1])

/** A fit on 2 solver threads that never converges on its own (tolerance 0): only an abort ends it. */
const FIT = `
import { parentPort } from 'node:worker_threads'
import { fitTfidf } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../../../../../src-worker/ml/features/tfidf.ts')).href)}
import { fitWeights } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../../../../../src-worker/ml/models/linear/estimators.ts')).href)}
const texts = Array.from({ length: 300 }, (_, r) => 'row ' + (r % 7) + ' word' + (r % 13))
const { matrix } = fitTfidf(texts)
const members = Uint8Array.from({ length: 600 }, (_, k) => ((k >> 1) % 3 === k % 2 ? 1 : 0))
const settings = { kind: 'linear-svm', multiLabel: false, C: 1, tolerance: 0, maxIterations: 1e9,
  alpha: 1, binaryPerLabel: false, seed: 1, threads: 2 }
fitWeights(settings, matrix, members, 2, (label, started) => parentPort.postMessage(started))
`

describe('one-vs-rest threads: abort', () => {
  it.runIf(process.platform === 'linux')(
    'terminating the fitting thread (the pool aborting a task) ends its solver threads',
    async () => {
      const before = threadCount()
      const fitting = new Worker(
        `import('tsx/esm/api').then(({ register }) => { register()
          return import('data:text/javascript,' + encodeURIComponent(${JSON.stringify(FIT)})) })`,
        { eval: true },
      )
      // Both labels started: both solver threads are inside a fit that only an abort ends.
      await new Promise<void>((resolve, reject) => {
        fitting.on('error', reject)
        fitting.on('message', (started: number) => started === 1 && resolve())
      })
      expect(threadCount()).toBeGreaterThanOrEqual(before + 3)
      await fitting.terminate()
      expect(threadCount()).toBe(before)
    },
    60_000,
  )
})
