import type { SystemState } from './state'

export const selectSystemInfo = (s: SystemState) => s.info
export const selectLoadingInfo = (s: SystemState) => s.loadingInfo
export const selectStartingSelfTest = (s: SystemState) => s.startingSelfTest
