import { TASK_KINDS } from '../../api/contract/tasks'
import type { WorkerPool } from '../pool/worker-pool'
import type { TaskKind } from '../tasks/task-registry'
import type { SelfTestResult } from '../../api/contract/system'
import type { SelfTestInput } from '../../../src-worker/selftest'

/** The Diagnostics health check: exercises the worker pool, progress over a port, and abort. */
export function selfTestTask(
  pool: WorkerPool,
): TaskKind<SelfTestInput, null, SelfTestResult, typeof TASK_KINDS.selfTest> {
  return {
    kind: TASK_KINDS.selfTest,
    resumable: false,
    run: (ctx) =>
      pool.run('selftest.run', ctx.config, {
        signal: ctx.signal,
        onProgress: (p) => ctx.progress(p),
      }),
  }
}
