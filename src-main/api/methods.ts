import type { SystemMethods } from './contract/system'
import type { TaskMethods } from './contract/tasks'

/** THE contract: every method the core answers, `domain.verbNoun` → (params) => Promise<result>. */
export type ApiMethods = SystemMethods & TaskMethods

export type MethodName = Extract<keyof ApiMethods, string>
export type MethodParams<M extends MethodName> = Parameters<ApiMethods[M]>[0]
export type MethodResult<M extends MethodName> = Awaited<ReturnType<ApiMethods[M]>>
