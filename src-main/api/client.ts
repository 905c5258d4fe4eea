import { ApiError, type ApiErrorData } from './errors'
import type { ApiEventMessage, ApiEvents, EventName } from './events'
import type { MethodName, MethodParams, MethodResult } from './methods'

/** The wire shape of every answer, whatever the transport. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorData }

/** Electron IPC, the HTTP bridge and the in-memory transport all implement this. */
export interface Transport {
  call(method: string, params: unknown): Promise<CallOutcome>
  subscribe(listener: (message: ApiEventMessage) => void): () => void
}

/** The typed face of a transport: results come back typed, failures throw ApiError. */
export function createApiClient(transport: Transport) {
  return {
    async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
      const outcome = await transport.call(method, params)
      if (!outcome.ok) throw ApiError.fromData(outcome.error)
      return outcome.result as MethodResult<M>
    },
    on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      return transport.subscribe((message) => {
        if (message.event === event) listener(message.payload as ApiEvents[E])
      })
    },
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
