import { ApiError, type ApiErrorData } from '../api/errors'

/** Turns anything thrown into wire data; unknown errors become INTERNAL and keep their stack in the log. */
export function toApiErrorData(
  error: unknown,
  log: (e: unknown) => void = defaultLog,
): ApiErrorData {
  if (error instanceof ApiError) return error.toData()
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
