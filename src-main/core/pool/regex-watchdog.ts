import { ApiError } from '../../api/errors'
import {
  createRegexWatch,
  readRegexWatch,
  regexWatchTicks,
  type RegexWatchState,
} from '../../../src-worker/patterns/regex-watch'

/** Time a stuck thread gets beyond the budget: the thread's own checks fail slow-but-finishing patterns first. */
export const REGEX_GRACE_MS = 2000

export interface WatchdogOptions {
  /** How long one regex test may run; the thread is stopped after this plus REGEX_GRACE_MS. */
  budgetMs: number
  /** The caller's abort (a task's): it wins over the watchdog's own stop. */
  signal?: AbortSignal | undefined
  /** The message naming the pattern a watch state points at, or null when it cannot be told. */
  name: (state: RegexWatchState) => string | null
}

/**
 * Runs work on a worker thread that publishes the regex it runs in a watch (see
 * src-worker/patterns/regex-watch.ts). A regex cannot be interrupted inside one test, so when one
 * test makes no progress for longer than the budget (plus grace), the watchdog aborts the signal
 * given to `run` (the pool then terminates the thread). Either way, a pattern stopped from here or
 * failed by the thread itself for going over the budget becomes a VALIDATION error naming it.
 */
export async function runWatched<T>(
  options: WatchdogOptions,
  run: (watch: SharedArrayBuffer, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const watch = createRegexWatch()
  const cells = new Int32Array(watch)
  const stuck = new AbortController()
  const parent = options.signal
  const forward = () => stuck.abort(parent?.reason)
  if (parent?.aborted) forward()
  else parent?.addEventListener('abort', forward, { once: true })
  let ticks = -1
  let since = performance.now()
  let stopped = false
  const limit = options.budgetMs + REGEX_GRACE_MS
  const timer = setInterval(
    () => {
      const now = performance.now()
      const seen = regexWatchTicks(cells)
      if (seen !== ticks || readRegexWatch(cells) === null) {
        ticks = seen
        since = now
      } else if (now - since > limit && !stopped) {
        stopped = true
        stuck.abort(new ApiError('TIMEOUT', 'A regular expression ran over its time budget.'))
      }
    },
    Math.min(250, Math.max(20, options.budgetMs / 4)),
  )
  try {
    return await run(watch, stuck.signal)
  } catch (error) {
    if (parent?.aborted) throw error
    const state = readRegexWatch(cells)
    if (!stopped && !state?.overBudget) throw error
    const message =
      (state && options.name(state)) ??
      `A regular expression ran longer than ${options.budgetMs} ms on one text and was stopped; simplify it.`
    throw new ApiError('VALIDATION', message)
  } finally {
    clearInterval(timer)
    parent?.removeEventListener('abort', forward)
  }
}
