import type { WorkerPool } from '../pool/worker-pool'
import type { TaskKind } from '../tasks/task-registry'
import type { SelfTestInput, SelfTestResult } from '../../../src-worker/selftest'

/** The Diagnostics health check: exercises the worker pool, progress over a port, and abort. */
export function selfTestTask(pool: WorkerPool): TaskKind<SelfTestInput, null, SelfTestResult> {
  return {
    kind: 'system.selftest',
    resumable: false,
    run: (ctx) =>
      pool.run('selftest.run', ctx.config, {
        signal: ctx.signal,
        onProgress: (p) => ctx.progress(p),
      }),
  }
}
