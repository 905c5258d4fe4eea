import { ApiError, type ApiErrorData } from '../api/errors'
import { workerErrorKind } from '../../src-worker/worker-error'

const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT'])
const SERVER_FULL_CODES = new Set(['ER_RECORD_FILE_FULL', 'ER_DISK_FULL'])

/**
 * Out of room: a full disk or quota under SQLite or the file system, or a MariaDB server whose disk
 * is full (ER_DISK_FULL, errno 28) or whose table reached its size limit.
 */
export function isOutOfSpace(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as { code?: unknown; message?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  if (DISK_FULL_CODES.has(code) || SERVER_FULL_CODES.has(code)) return true
  return /errno: 28|no space left/i.test(typeof e.message === 'string' ? e.message : '')
}

/** UNAVAILABLE for a full disk; `then` says what to do once space is free ("resume the task"). */
export function outOfSpace(error: unknown, then = 'try again'): ApiError {
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && SERVER_FULL_CODES.has(code)) {
    const message = error instanceof Error ? error.message : code
    return new ApiError(
      'UNAVAILABLE',
      `The database server has no room left (${message}): free space there or raise the table's size limit, then ${then}.`,
    )
  }
  return new ApiError('UNAVAILABLE', `The disk is full: free space, then ${then}.`)
}

/** A WorkerError (thrown in a worker, maybe cloned across a thread) as the ApiError it stands for. */
export function apiErrorOfWorker(error: unknown): ApiError | null {
  const kind = workerErrorKind(error)
  return kind && error instanceof Error ? new ApiError(kind, error.message) : null
}

/**
 * Turns anything thrown into wire data; unknown errors become INTERNAL and keep their stack in the log.
 * `then` is the next step after a full disk ("try again", "resume the task", "start it again").
 */
export function toApiErrorData(
  error: unknown,
  log: (e: unknown) => void = defaultLog,
  then?: string,
): ApiErrorData {
  if (error instanceof ApiError) return error.toData()
  const fromWorker = apiErrorOfWorker(error)
  if (fromWorker) return fromWorker.toData()
  if (isOutOfSpace(error)) return outOfSpace(error, then).toData()
  log(error)
  const message = error instanceof Error ? error.message : String(error)
  return {
    code: 'INTERNAL',
    message: `Unexpected error: ${message}. The details are in the app log; please report it if it repeats.`,
  }
}

function defaultLog(error: unknown): void {
  console.error(error)
}

export const taskNotFound = (id: string) =>
  new ApiError('TASK_NOT_FOUND', `Task ${id} does not exist. List tasks to see the ids that do.`)
