import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TestGates } from '../core/test-gates'

/**
 * TESTS ONLY. Integration tests spawn the real CLI, which builds its own core, so they cannot hand it
 * a gate object: they name a directory in these variables instead. Unset (always, outside tests), the
 * CLI passes no gates and nothing here runs.
 */
export const TEST_GATE_ENV = 'AUDIENCE_TEST_PREDICT_GATE'
/** First held batch (0-based, counted from each start or resume; default 1: one batch is written). */
export const TEST_GATE_FROM_ENV = 'AUDIENCE_TEST_PREDICT_GATE_FROM'
/** Review from predictions: held once its first page of documents is staged. */
export const TEST_REVIEW_GATE_ENV = 'AUDIENCE_TEST_REVIEW_GATE'

type Gate = (batch: number, signal: AbortSignal) => Promise<void>

/**
 * Work reaching batch `from` writes `<dir>/reached` and waits until `<dir>/open` exists, or rejects
 * when the task aborts. Polling a file keeps the protocol usable from any test process.
 */
function fileGate(dir: string, from: number): Gate {
  const opened = join(dir, 'open')
  return (batch, signal) => {
    if (batch < from || existsSync(opened)) return Promise.resolve()
    writeFileSync(join(dir, 'reached'), String(batch))
    return new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (!existsSync(opened)) return
        finish()
        resolve()
      }, 20)
      const onAbort = () => {
        finish()
        reject(signal.reason as Error)
      }
      const finish = () => {
        clearInterval(poll)
        signal.removeEventListener('abort', onAbort)
      }
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }
}

/** The gates the variables name, or undefined when none is set. */
export function testGatesFromEnv(env: NodeJS.ProcessEnv = process.env): TestGates | undefined {
  const predict = env[TEST_GATE_ENV]
  const review = env[TEST_REVIEW_GATE_ENV]
  if (!predict && !review) return undefined
  return {
    ...(predict ? { predictWrite: fileGate(predict, Number(env[TEST_GATE_FROM_ENV] ?? '1')) } : {}),
    ...(review ? { reviewScan: fileGate(review, 0) } : {}),
  }
}
