import { setTimeout as sleep } from 'node:timers/promises'
import { ApiError } from '../../api/errors'
import { isTransient } from '../db/mariadb'

export interface RetryOptions {
  signal: AbortSignal
  /** Attempts after the first failure. */
  retries?: number
  baseMs?: number
  maxMs?: number
  what: string
  onRetry?: (attempt: number, error: unknown) => void
}

/**
 * Runs `op`; on a lost connection or server restart, reconnects with exponential backoff and runs it
 * again. Gives up with UNAVAILABLE (the checkpoint is kept, so the task can be resumed).
 */
export async function withReconnect<T>(
  op: () => Promise<T>,
  reconnect: () => Promise<void>,
  options: RetryOptions,
): Promise<T> {
  const retries = options.retries ?? 8
  let delay = options.baseMs ?? 200
  for (let attempt = 0; ; attempt++) {
    try {
      return await op()
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason
      if (!isTransient(error)) throw error
      if (attempt >= retries) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new ApiError(
          'UNAVAILABLE',
          `${options.what} failed ${attempt + 1} times (${reason}). The checkpoint is kept: resume the task when MariaDB is back.`,
        )
      }
      options.onRetry?.(attempt + 1, error)
      await sleep(delay, undefined, { signal: options.signal }).catch(() => undefined)
      if (options.signal.aborted) throw options.signal.reason
      delay = Math.min(options.maxMs ?? 5000, delay * 2)
      await reconnect().catch(() => undefined)
    }
  }
}
