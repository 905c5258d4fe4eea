/** Every error that crosses a boundary carries one of these codes. The list is closed on purpose. */
export const API_ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'TASK_NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'NO_RESULTS_YET',
  'UNAVAILABLE',
  'ABORTED',
  'INTERRUPTED',
  'TIMEOUT',
  'INTERNAL',
] as const

export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

/** The plain shape of an error on the wire. */
export interface ApiErrorData {
  code: ApiErrorCode
  message: string
  details?: unknown
}

export class ApiError extends Error {
  readonly code: ApiErrorCode
  readonly details?: unknown

  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    if (details !== undefined) this.details = details
  }

  toData(): ApiErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }

  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.details)
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.message === 'string' &&
    typeof v.code === 'string' &&
    (API_ERROR_CODES as readonly string[]).includes(v.code)
  )
}
