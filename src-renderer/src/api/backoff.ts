export interface BackoffOptions {
  initialMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000 }

/**
 * Delay before reconnect attempt `attempt` (0-based): doubles each time up to the cap, with up to 20 %
 * jitter so that several windows do not reconnect in lockstep.
 */
export function backoffDelay(
  attempt: number,
  options = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt))
  return Math.round(base * (0.8 + 0.2 * random()))
}
