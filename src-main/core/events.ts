import type { ApiEventMessage, ApiEvents, EventName } from '../api/events'

export type EventListener = (message: ApiEventMessage) => void

/** The core's one outlet for pushes; every transport subscribes here. */
export function createEventBus() {
  const listeners = new Set<EventListener>()
  return {
    emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
      const message = { event, payload } as ApiEventMessage
      for (const listener of listeners) {
        try {
          listener(message)
        } catch (error) {
          console.error('event listener failed', error)
        }
      }
    },
    subscribe(listener: EventListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type EventBus = ReturnType<typeof createEventBus>
