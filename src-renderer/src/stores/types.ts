import type { StoreApi } from 'zustand/vanilla'
import type { ApiClient } from '../api/client'

/** How a slice tells the user something; the ui slice provides it (toasts). */
export interface Reporter {
  error(error: unknown): void
  info(title: string, message?: string): void
}

/** What every api-backed slice receives at creation. Nothing is imported as a module singleton. */
export interface SliceDeps {
  api: ApiClient
  report: Reporter
}

export type SetState<S> = StoreApi<S>['setState']
export type GetState<S> = StoreApi<S>['getState']
