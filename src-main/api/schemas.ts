import type { z } from 'zod'
import type { MethodName } from './methods'
import { systemSchemas } from './contract/system'
import { taskSchemas } from './contract/tasks'

/** Params schema of every method; the dispatcher validates with these before any handler runs. */
export const apiSchemas = {
  ...systemSchemas,
  ...taskSchemas,
} satisfies Record<MethodName, z.ZodType>

// Every method has a schema and every schema a method.
type _Exact = [keyof typeof apiSchemas] extends [MethodName]
  ? [MethodName] extends [keyof typeof apiSchemas]
    ? true
    : never
  : never
export const schemasCoverMethods: _Exact = true

export type HandlerParams<M extends MethodName> = z.output<(typeof apiSchemas)[M]>
