import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../src-main/api/errors'
import { apiSchemas } from '../../../src-main/api/schemas'
import { createDispatcher, type Handlers } from '../../../src-main/core/dispatcher'

/** Every method fails unless overridden: a handler that runs when it should not is caught. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const fail = () => {
    throw new Error('handler must not run')
  }
  const all = Object.fromEntries(Object.keys(apiSchemas).map((method) => [method, fail]))
  return { ...all, ...overrides } as Handlers
}

const ctx = { host: 'memory' } as const

describe('dispatcher', () => {
  it('rejects bad params with VALIDATION naming the field, before the handler runs', async () => {
    const dispatch = createDispatcher(handlers())
    const outcome = await dispatch('tasks.show', { id: 'abc' }, ctx)
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Invalid params for tasks.show: id: expected 32 hex digits, got 3',
        details: { issues: [{ field: 'id', reason: 'expected 32 hex digits, got 3' }] },
      },
    })
  })

  it('rejects unknown fields and wrong types', async () => {
    const dispatch = createDispatcher(handlers())
    const extra = await dispatch('tasks.list', { limit: 5, sneaky: true }, ctx)
    expect(extra.ok).toBe(false)
    if (!extra.ok) expect(extra.error.message).toContain('sneaky')
    const wrong = await dispatch('tasks.list', { limit: 'ten' }, ctx)
    expect(wrong.ok === false && wrong.error.code).toBe('VALIDATION')
  })

  it('answers UNKNOWN_METHOD for names outside the contract, including prototype keys', async () => {
    const dispatch = createDispatcher(handlers())
    for (const name of ['tasks.nope', 'constructor', '__proto__']) {
      const outcome = await dispatch(name, {}, ctx)
      expect(outcome.ok === false && outcome.error.code).toBe('UNKNOWN_METHOD')
    }
  })

  it('passes parsed params with defaults to the handler', async () => {
    const dispatch = createDispatcher(handlers({ 'tasks.list': (p) => [p as never] }))
    const outcome = await dispatch('tasks.list', undefined, ctx)
    expect(outcome).toEqual({ ok: true, result: [{ limit: 100 }] })
  })

  it('keeps ApiError codes and turns other errors into INTERNAL without leaking stacks', async () => {
    const logged: unknown[] = []
    const dispatch = createDispatcher(
      handlers({
        'tasks.show': () => {
          throw new ApiError('TASK_NOT_FOUND', 'gone')
        },
        'tasks.list': () => {
          throw new TypeError('boom')
        },
      }),
      (e) => logged.push(e),
    )
    expect(await dispatch('tasks.show', { id: 'a'.repeat(32) }, ctx)).toEqual({
      ok: false,
      error: { code: 'TASK_NOT_FOUND', message: 'gone' },
    })
    const internal = await dispatch('tasks.list', {}, ctx)
    expect(internal.ok === false && internal.error.code).toBe('INTERNAL')
    expect(JSON.stringify(internal)).not.toContain('at ')
    expect(logged).toHaveLength(1)
  })
})
