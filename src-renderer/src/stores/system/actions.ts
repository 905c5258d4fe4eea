import { flagged } from '../../lib/requests'
import type { GetState, SetState, SliceDeps } from '../types'
import type { SystemState } from './state'

export interface SelfTestOptions {
  steps: number
  stepMs: number
}

/** The quick health check and a long one that leaves time to watch and abort it. */
export const QUICK_SELF_TEST: SelfTestOptions = { steps: 20, stepMs: 100 }
export const LONG_SELF_TEST: SelfTestOptions = { steps: 600, stepMs: 100 }

export interface SystemActions {
  loadInfo(): Promise<void>
  /** Starts a worker self-test task; resolves to its id, or null when the call failed. */
  startSelfTest(options: SelfTestOptions): Promise<string | null>
}

export function createSystemActions(
  set: SetState<SystemState & SystemActions>,
  _get: GetState<SystemState & SystemActions>,
  { api, report }: SliceDeps,
): SystemActions {
  const loadingInfo = flagged((on) => set({ loadingInfo: on }), report)
  const startingSelfTest = flagged((on) => set({ startingSelfTest: on }), report)
  return {
    async loadInfo() {
      await loadingInfo(async () => set({ info: await api.call('system.info', {}) }))
    },
    startSelfTest: (options) =>
      startingSelfTest(async () => {
        const { taskId } = await api.call('system.startSelfTest', options)
        report.info('Self-test started', 'Follow its progress in the Tasks drawer.')
        return taskId
      }),
  }
}
