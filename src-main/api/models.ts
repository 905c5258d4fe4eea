/** DTOs of the contract, re-exported for clients. */
export type * from './contract/system'
export type * from './contract/tasks'
export type * from './contract/connections'
export type * from './contract/predicting'
export type * from './contract/datasets'
export type * from './contract/annotation'
export type * from './contract/suggestions'
export type { ApiErrorCode, ApiErrorData } from './errors'
