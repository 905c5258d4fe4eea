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
 * Wraps a slice's mutating calls: the busy flag is up while one runs, an error is reported and
 * answers null, so callers only check for null.
 */
export function busy(set: BusyFlag, report: ErrorReporter) {
  return async <T>(run: () => Promise<T>): Promise<T | null> => {
    set({ busy: true })
    try {
      return await run()
    } catch (error) {
      report.error(error)
      return null
    } finally {
      set({ busy: false })
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
