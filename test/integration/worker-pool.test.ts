import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createWorkerPool } from '../../src-main/core/pool/worker-pool'
import { repoRoot } from '../helpers/core-harness'

describe('worker pool', () => {
  it('fails the runs of threads that cannot start, logs why, and keeps the process alive', async () => {
    const logged: unknown[] = []
    const pool = createWorkerPool({
      workerDir: join(repoRoot, 'src-worker'),
      maxThreads: 1,
      execArgv: ['--import', 'no-such-loader-for-this-test'],
      log: (e) => logged.push(e),
    })
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        await expect(pool.run('selftest.run', { steps: 1, stepMs: 0 })).rejects.toMatchObject({
          code: 'INTERNAL',
          message: expect.stringMatching(/could not start .*no-such-loader-for-this-test/),
        })
      }
    } finally {
      await pool.close()
    }
    expect(logged.length).toBeGreaterThan(0)
  })
})
