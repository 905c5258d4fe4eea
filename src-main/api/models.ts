/** DTOs of the contract, re-exported for clients. */
export type * from './contract/system'
export type * from './contract/tasks'
export type { ApiErrorCode, ApiErrorData } from './errors'
