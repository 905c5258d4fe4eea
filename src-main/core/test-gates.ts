/**
 * Points where a test may hold running work, so that a test catches a task mid-run without racing
 * the machine. Production passes none; each hook must reject when the signal aborts.
 */
export interface TestGates {
  /** Awaited before a predict run writes its batch `batch` (0-based, counted from each start or resume). */
  predictWrite?: (batch: number, signal: AbortSignal) => Promise<void>
  /** Awaited after a training task fitted its model (batch 0), before it saves the version. */
  trainingSave?: (batch: number, signal: AbortSignal) => Promise<void>
  /** Awaited before automatic selection cross-validates candidate `batch` (0-based, order tried). */
  trainingCandidate?: (batch: number, signal: AbortSignal) => Promise<void>
  /** Awaited after an import committed its chunk `batch` of (still invisible) documents. */
  importWrite?: (batch: number, signal: AbortSignal) => Promise<void>
  /** Awaited after review-from-predict staged its page `batch` of documents (0-based). */
  reviewScan?: (batch: number, signal: AbortSignal) => Promise<void>
  /** Awaited before each chunk of the background search-index build. */
  searchIndex?: (batch: number, signal: AbortSignal) => Promise<void>
}
