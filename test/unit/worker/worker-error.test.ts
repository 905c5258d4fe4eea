import { describe, expect, it } from 'vitest'
import { toApiErrorData } from '../../../src-main/core/errors'
import { ParamError } from '../../../src-worker/ml/models/params'
import { WorkerError, workerErrorKind } from '../../../src-worker/worker-error'

describe('WorkerError', () => {
  it('keeps its kind across structured cloning (a worker thread boundary)', () => {
    const cloned: unknown = structuredClone(new WorkerError('UNAVAILABLE', 'The file is locked.'))
    expect(cloned).not.toBeInstanceOf(WorkerError)
    expect(workerErrorKind(cloned)).toBe('UNAVAILABLE')
    expect(workerErrorKind(structuredClone(new ParamError('Unknown parameter Cc')))).toBe(
      'VALIDATION',
    )
  })

  it('is not claimed for other errors', () => {
    expect(workerErrorKind(new Error('boom'))).toBeNull()
    expect(workerErrorKind(new Error('odd', { cause: { workerErrorKind: 'INTERNAL' } }))).toBeNull()
    expect(workerErrorKind('text')).toBeNull()
  })

  it('becomes the ApiError of its kind with the worker message, and logs nothing', () => {
    const logged: unknown[] = []
    const log = (e: unknown) => logged.push(e)
    const data = toApiErrorData(structuredClone(new ParamError('Unknown parameter Cc.')), log)
    expect(data).toEqual({ code: 'VALIDATION', message: 'Unknown parameter Cc.' })
    expect(toApiErrorData(new Error('boom'), log).code).toBe('INTERNAL')
    expect(logged).toHaveLength(1)
  })
})
