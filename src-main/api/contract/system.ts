import { z } from 'zod'
import { noParams } from './common'

export interface SystemInfo {
  appVersion: string
  dataDir: string
  databaseFile: string
  schemaVersion: number
  nodeVersion: string
  platform: string
  workerThreads: number
  /** Which front door this call came through. */
  host: 'electron' | 'bridge' | 'cli' | 'memory'
}

export const systemSchemas = {
  'system.info': noParams,
  'system.startSelfTest': z
    .object({
      steps: z.number().int().min(1).max(100_000).default(20),
      stepMs: z.number().int().min(0).max(10_000).default(100),
    })
    .strict(),
}

export interface SystemMethods {
  /** Describes the running core: versions, workspace paths, worker threads. */
  'system.info': (p: z.input<(typeof systemSchemas)['system.info']>) => Promise<SystemInfo>
  /**
   * Starts the worker self-test task (Settings → Diagnostics): a real task that runs in the worker pool,
   * reports progress each step and honours abort. Returns the new task id.
   */
  'system.startSelfTest': (
    p: z.input<(typeof systemSchemas)['system.startSelfTest']>,
  ) => Promise<{ taskId: string }>
}

/** What a finished `system.selftest` task reports (TaskDetail.stats). */
export interface SelfTestResult {
  steps: number
  primesFound: number
  threadId: number
}
