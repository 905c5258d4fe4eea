/**
 * A gate a test opens and closes: work that reaches a closed gate waits until `open()` (or rejects when
 * its signal aborts). Tests hold a task mid-run with it instead of hoping the machine is slow enough.
 */
export interface BatchGate {
  /** The hook to pass into the core (TestGates): batches from `closeAt` on wait while closed. */
  readonly hook: (batch: number, signal: AbortSignal) => Promise<void>
  /** Closes the gate for batches numbered `from` and later (each start or resume counts from 0). */
  close(from: number): void
  open(): void
  /** Resolves once some work waits at the closed gate. */
  reached(): Promise<void>
}

export function createBatchGate(): BatchGate {
  let closedFrom = Infinity
  let opened: Promise<void> = Promise.resolve()
  let openNow = () => {}
  let arrived = () => {}
  let arrival = new Promise<void>((resolve) => (arrived = resolve))
  return {
    hook(batch, signal) {
      if (batch < closedFrom) return Promise.resolve()
      arrived()
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal.reason as Error)
        if (signal.aborted) return onAbort()
        signal.addEventListener('abort', onAbort, { once: true })
        void opened.then(() => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        })
      })
    },
    close(from) {
      closedFrom = from
      opened = new Promise((resolve) => (openNow = resolve))
      arrival = new Promise((resolve) => (arrived = resolve))
    },
    open() {
      closedFrom = Infinity
      openNow()
    },
    reached: () => arrival,
  }
}
