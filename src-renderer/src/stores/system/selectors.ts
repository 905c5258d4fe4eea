import type { SystemState } from './state'

export const selectSystemInfo = (s: SystemState) => s.info
