import type { DatasetEvents } from './contract/datasets'
import type { TaskEvents } from './contract/tasks'

/** Everything the core pushes to its clients, `domain.noun` → payload. */
export type ApiEvents = TaskEvents & DatasetEvents

export type EventName = Extract<keyof ApiEvents, string>

/** A discriminated union: checking `event` narrows `payload`. */
export type ApiEventMessage<E extends EventName = EventName> = {
  [K in E]: { event: K; payload: ApiEvents[K] }
}[E]
