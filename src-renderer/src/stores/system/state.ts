import type { SystemInfo } from '@api/dto'

export interface SystemState {
  info: SystemInfo | null
  loadingInfo: boolean
  /** Set while a self-test start call is in flight. */
  startingSelfTest: boolean
}

export const getInitialSystemState = (): SystemState => ({
  info: null,
  loadingInfo: false,
  startingSelfTest: false,
})
