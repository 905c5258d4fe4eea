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
  return {
    async loadInfo() {
      set({ loadingInfo: true })
      try {
        set({ info: await api.call('system.info', {}) })
      } catch (error) {
        report.error(error)
      } finally {
        set({ loadingInfo: false })
      }
    },
    async startSelfTest(options) {
      set({ startingSelfTest: true })
      try {
        const { taskId } = await api.call('system.startSelfTest', options)
        report.info('Self-test started', 'Follow its progress in the Tasks drawer.')
        return taskId
      } catch (error) {
        report.error(error)
        return null
      } finally {
        set({ startingSelfTest: false })
      }
    },
  }
}
