/** The error kinds a worker may report; each is an ApiError code the caller's user can act on. */
export type WorkerErrorKind = 'VALIDATION' | 'UNAVAILABLE' | 'ABORTED'

const WORKER_ERROR_KINDS: readonly WorkerErrorKind[] = ['VALIDATION', 'UNAVAILABLE', 'ABORTED']

/**
 * A failure the user can fix (bad input, a missing resource), thrown in a worker thread. Structured
 * cloning keeps an error's message and `cause` but drops its class and own fields, so the kind
 * travels in `cause`; the pool turns it back into an ApiError with the worker's message.
 */
export class WorkerError extends Error {
  override readonly name: string = 'WorkerError'

  constructor(
    readonly kind: WorkerErrorKind,
    message: string,
  ) {
    super(message, { cause: { workerErrorKind: kind } })
  }
}

/** The kind of a WorkerError, also after it crossed a thread; null for any other error. */
export function workerErrorKind(error: unknown): WorkerErrorKind | null {
  if (error instanceof WorkerError) return error.kind
  if (!(error instanceof Error)) return null
  const cause: unknown = error.cause
  if (typeof cause !== 'object' || cause === null || !('workerErrorKind' in cause)) return null
  const kind = WORKER_ERROR_KINDS.find((k) => k === cause.workerErrorKind)
  return kind ?? null
}
