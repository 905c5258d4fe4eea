import type { Transport } from '../api/client'
import type { Core } from './create-core'

/** The transport for tests and the CLI: calls go straight to the dispatcher, same validation as the wire. */
export function memoryTransport(
  core: Pick<Core, 'dispatch' | 'events'>,
  host: 'memory' | 'cli' = 'memory',
): Transport {
  return {
    call: (method, params) => core.dispatch(method, structuredClone(params), { host }),
    subscribe: (listener) => core.events.subscribe(listener),
  }
}
