import type { TaskProgress } from '../../api/contract/tasks'

/**
 * Throttles progress and fills in ratio, rate and ETA when the task did not.
 * Rate is measured since the first report of this run, so a resumed task's ETA is not skewed.
 */
export function createProgressMeter(now: () => number, intervalMs: number) {
  let first: { at: number; done: number } | null = null
  let lastShownAt = -Infinity
  let latest: TaskProgress | null = null

  function enrich(p: TaskProgress, at: number): TaskProgress {
    const out: TaskProgress = { ...p }
    if (out.total !== undefined && out.total > 0 && out.ratio === undefined) {
      out.ratio = Math.min(1, out.done / out.total)
    }
    if (first && out.rate === undefined && at > first.at) {
      out.rate = ((out.done - first.done) * 1000) / (at - first.at)
    }
    if (out.etaMs === undefined && out.total !== undefined && out.rate && out.rate > 0) {
      out.etaMs = Math.max(0, ((out.total - out.done) / out.rate) * 1000)
    }
    return out
  }

  return {
    /** Returns the progress to publish now, or null when it is too soon after the last push. */
    next(p: TaskProgress): TaskProgress | null {
      const at = now()
      first ??= { at, done: p.done }
      latest = enrich(p, at)
      const finished = p.total !== undefined && p.done >= p.total
      if (!finished && at - lastShownAt < intervalMs) return null
      lastShownAt = at
      return latest
    },
    last: (): TaskProgress | null => latest,
    /** Milliseconds until a suppressed report may be published. */
    waitMs: (): number => Math.max(0, lastShownAt + intervalMs - now()),
    /** Publishes the latest report now (the trailing report of a burst). */
    flush(): TaskProgress | null {
      lastShownAt = now()
      return latest
    },
  }
}
