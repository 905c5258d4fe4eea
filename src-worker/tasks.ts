import type { SelfTestInput, SelfTestResult } from './selftest'

/** Every named worker task: where it lives and what crosses the thread boundary. */
export interface WorkerTasks {
  'selftest.run': { input: SelfTestInput; output: SelfTestResult }
}

export type WorkerTaskName = keyof WorkerTasks

/** File (without extension) under the worker directory, and the exported function to call. */
export const workerTaskEntries: Record<WorkerTaskName, { file: string; fn: string }> = {
  'selftest.run': { file: 'selftest.worker', fn: 'selfTest' },
}
