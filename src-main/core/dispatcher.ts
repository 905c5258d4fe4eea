import type { z } from 'zod'
import type { CallOutcome } from '../api/client'
import { ApiError } from '../api/errors'
import type { MethodName, MethodResult } from '../api/methods'
import { apiSchemas, type HandlerParams } from '../api/schemas'
import { toApiErrorData } from './errors'

/** What a handler may know about the call: which front door it came through. */
export interface CallContext {
  host: 'electron' | 'bridge' | 'cli' | 'memory'
}

export type Handler<M extends MethodName> = (
  params: HandlerParams<M>,
  ctx: CallContext,
) => Promise<MethodResult<M>> | MethodResult<M>

export type HandlersFor<K extends MethodName> = { [M in K]: Handler<M> }
export type Handlers = HandlersFor<MethodName>

export type Dispatch = (method: string, params: unknown, ctx: CallContext) => Promise<CallOutcome>

const isMethod = (method: string): method is MethodName => Object.hasOwn(apiSchemas, method)

/** Turns zod issues into one sentence naming each field and its reason. */
export function validationError(method: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(params)',
    reason: issue.message,
  }))
  const text = issues.map((i) => `${i.field}: ${i.reason}`).join('; ')
  return new ApiError('VALIDATION', `Invalid params for ${method}: ${text}`, { issues })
}

/** The one dispatcher behind every transport: validate, call, turn every failure into data. */
export function createDispatcher(handlers: Handlers, log?: (e: unknown) => void): Dispatch {
  return async (method, params, ctx) => {
    try {
      if (!isMethod(method)) {
        throw new ApiError(
          'UNKNOWN_METHOD',
          `There is no method "${method}". Check the client version.`,
        )
      }
      const parsed = apiSchemas[method].safeParse(params ?? {})
      if (!parsed.success) throw validationError(method, parsed.error)
      const handler = handlers[method] as (p: unknown, c: CallContext) => unknown
      const result = await handler(parsed.data, ctx)
      return { ok: true, result: result ?? null }
    } catch (error) {
      return { ok: false, error: toApiErrorData(error, log) }
    }
  }
}
