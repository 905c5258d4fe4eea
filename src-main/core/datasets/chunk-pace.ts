/**
 * Sizes chunks of synchronous SQLite work so each takes about `targetMs`: the thread that answers
 * API calls is never held longer than that, whatever the machine or the rows cost.
 */
export function createChunkPace(targetMs: number, initial: number, min: number, max: number) {
  let rows = initial
  return {
    get rows(): number {
      return rows
    },
    /** Adjusts the next chunk's size from how long `done` rows took. */
    record(done: number, ms: number): void {
      if (done <= 0) return
      const fit = (done * targetMs) / Math.max(ms, 0.5)
      // Grow gently, shrink at once: one slow chunk (a checkpoint, a cold cache) must not repeat.
      rows = Math.round(Math.min(max, Math.max(min, fit < rows ? fit : Math.min(fit, rows * 1.5))))
    },
  }
}
