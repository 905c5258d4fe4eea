/**
 * Latest-request-wins: each call starts a request and supersedes the one before; the returned
 * check says whether this request is still the latest, so a slow answer to an old one is dropped.
 */
export function latest(): () => () => boolean {
  let newest = 0
  return () => {
    const mine = ++newest
    return () => mine === newest
  }
}

interface BusyFlag {
  (partial: { busy: boolean }): void
}

interface ErrorReporter {
  error(error: unknown): void
}

/**
 * Wraps a slice's calls with a flag of its own (saving, loadingInfo…): the flag is up while one
 * runs, an error is reported and answers null, so callers only check for null.
 */
export function flagged(setFlag: (on: boolean) => void, report: ErrorReporter) {
  return async <T>(run: () => Promise<T>): Promise<T | null> => {
    setFlag(true)
    try {
      return await run()
    } catch (error) {
      report.error(error)
      return null
    } finally {
      setFlag(false)
    }
  }
}

/** flagged() on the slice's `busy` flag, for its mutating calls. */
export const busy = (set: BusyFlag, report: ErrorReporter) =>
  flagged((on) => set({ busy: on }), report)

/**
 * A load where the latest request wins (see latest()): the loading flag is up while the newest
 * runs, only its answer is applied, and an error is reported after `failed` clears what it showed.
 */
export function latestLoad(setLoading: (on: boolean) => void, report: ErrorReporter) {
  const request = latest()
  return async <T>(load: () => Promise<T>, apply: (value: T) => void, failed?: () => void) => {
    const isLatest = request()
    setLoading(true)
    try {
      const value = await load()
      if (isLatest()) apply(value)
    } catch (error) {
      if (isLatest()) failed?.()
      report.error(error)
    } finally {
      if (isLatest()) setLoading(false)
    }
  }
}

/**
 * Runs calls strictly one after another, however fast they come, with a working flag up while
 * one runs; an error is reported and the next call still runs.
 */
export function inOrder(setWorking: (working: boolean) => void, report: ErrorReporter) {
  let queue: Promise<void> = Promise.resolve()
  return (run: () => Promise<void>): Promise<void> => {
    const next = queue.then(async () => {
      setWorking(true)
      try {
        await run()
      } catch (error) {
        report.error(error)
      } finally {
        setWorking(false)
      }
    })
    queue = next
    return next
  }
}
