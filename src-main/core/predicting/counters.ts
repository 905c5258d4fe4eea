import type { PredictCounters, PredictStageMs, PredictStats } from '../../api/contract/predicting'
import type { Key } from './types'

/** Saved after each committed batch: resuming starts after `after` in source `source`. */
export interface PredictCheckpoint {
  source: number
  after: Key | null
  counters: PredictCounters
  /** Run time of earlier runs of this task. */
  runMs: number
  peakRssBytes: number
  estimatedRows: number
  /** Missing in checkpoints written before exact counts: those were the server's estimate. */
  estimateExact?: boolean
  stageMs?: PredictStageMs
}

export const emptyCounters = (): PredictCounters => ({
  received: 0,
  excluded: 0,
  invalidUtf8: 0,
  labeled: 0,
  written: 0,
  perLabel: {},
})

export function addCounters(total: PredictCounters, batch: PredictCounters): PredictCounters {
  const perLabel = { ...total.perLabel }
  for (const [label, n] of Object.entries(batch.perLabel))
    perLabel[label] = (perLabel[label] ?? 0) + n
  return {
    received: total.received + batch.received,
    excluded: total.excluded + batch.excluded,
    invalidUtf8: total.invalidUtf8 + batch.invalidUtf8,
    labeled: total.labeled + batch.labeled,
    written: total.written + batch.written,
    perLabel,
  }
}

export function statsOf(cp: PredictCheckpoint, runMs: number, window?: string): PredictStats {
  return {
    ...cp.counters,
    runMs,
    rowsPerSecond: runMs > 0 ? Math.round((cp.counters.received * 1000) / runMs) : 0,
    peakRssBytes: cp.peakRssBytes,
    estimatedRows: cp.estimatedRows,
    estimateExact: cp.estimateExact ?? false,
    ...(cp.stageMs ? { stageMs: cp.stageMs } : {}),
    ...(window ? { window } : {}),
  }
}
