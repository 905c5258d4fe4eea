import type { TaskEvents } from './contract/tasks'

/** Everything the core pushes to its clients, `domain.noun` → payload. */
export type ApiEvents = TaskEvents

export type EventName = Extract<keyof ApiEvents, string>

export interface ApiEventMessage<E extends EventName = EventName> {
  event: E
  payload: ApiEvents[E]
}
