import { createApiClient, type ApiClient, type Transport } from '@api/client'
import { ApiError } from '@api/errors'

export type { ApiClient, Transport }
export { ApiError, createApiClient }

/** Whatever was thrown, as an ApiError the UI can show: unknown failures keep a readable message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const message = error instanceof Error && error.message ? error.message : String(error)
  return new ApiError('INTERNAL', `Something went wrong in the window: ${message}`)
}
