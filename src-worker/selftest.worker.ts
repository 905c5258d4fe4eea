import { setTimeout as sleep } from 'node:timers/promises'
import { threadId } from 'node:worker_threads'
import { reportProgress, type WorkerCall } from './protocol'
import type { SelfTestResult } from '../src-main/api/contract/system'
import { countPrimes, type SelfTestInput } from './selftest'

/** The Diagnostics health check: one prime sieve and one progress message per step. */
export async function selfTest({
  input,
  port,
}: WorkerCall<SelfTestInput>): Promise<SelfTestResult> {
  let primesFound = 0
  for (let step = 1; step <= input.steps; step++) {
    primesFound = countPrimes(10_000 + step)
    if (input.stepMs > 0) await sleep(input.stepMs)
    reportProgress(port, {
      done: step,
      total: input.steps,
      message: `step ${step} of ${input.steps}`,
    })
  }
  return { steps: input.steps, primesFound, threadId }
}
