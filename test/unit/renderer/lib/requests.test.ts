import { describe, expect, it } from 'vitest'
import {
  busy,
  flagged,
  inOrder,
  latest,
  latestLoad,
} from '../../../../src-renderer/src/lib/requests'

describe('latest', () => {
  it('keeps only the newest request current', () => {
    const request = latest()
    const first = request()
    expect(first()).toBe(true)
    const second = request()
    expect(first()).toBe(false)
    expect(second()).toBe(true)
  })

  it('keeps separate counters apart', () => {
    const a = latest()
    const b = latest()
    const isA = a()
    b()
    expect(isA()).toBe(true)
  })
})

describe('busy', () => {
  const setup = () => {
    const flags: boolean[] = []
    const errors: unknown[] = []
    const run = busy((p) => flags.push(p.busy), { error: (e) => errors.push(e) })
    return { flags, errors, run }
  }

  it('raises the flag while the call runs and answers its result', async () => {
    const { flags, run } = setup()
    await expect(run(async () => 7)).resolves.toBe(7)
    expect(flags).toEqual([true, false])
  })

  it('reports an error, answers null and lowers the flag', async () => {
    const { flags, errors, run } = setup()
    const failure = new Error('Disk full')
    await expect(run(async () => Promise.reject(failure))).resolves.toBeNull()
    expect(errors).toEqual([failure])
    expect(flags).toEqual([true, false])
  })
})

describe('inOrder', () => {
  it('runs calls one after another, reporting a failure and going on', async () => {
    const steps: string[] = []
    const errors: unknown[] = []
    const run = inOrder((working) => steps.push(working ? 'up' : 'down'), {
      error: (e) => errors.push(e),
    })
    const slow = run(async () => {
      await Promise.resolve()
      steps.push('first')
      throw new Error('first failed')
    })
    const fast = run(async () => {
      steps.push('second')
    })
    await Promise.all([slow, fast])
    expect(steps).toEqual(['up', 'first', 'down', 'up', 'second', 'down'])
    expect(errors).toHaveLength(1)
  })
})

describe('flagged', () => {
  it('raises its own flag while the call runs and answers null on an error', async () => {
    const flags: boolean[] = []
    const errors: unknown[] = []
    const run = flagged((on) => flags.push(on), { error: (e) => errors.push(e) })
    await expect(run(async () => 'saved')).resolves.toBe('saved')
    await expect(run(async () => Promise.reject(new Error('Offline')))).resolves.toBeNull()
    expect(flags).toEqual([true, false, true, false])
    expect(errors).toHaveLength(1)
  })
})

describe('latestLoad', () => {
  /** A load whose answer the test gives when it wants, so the order of answers is chosen. */
  const deferred = <T>() => {
    let resolve!: (value: T) => void
    let reject!: (error: unknown) => void
    const promise = new Promise<T>((res, rej) => {
      resolve = res
      reject = rej
    })
    return { promise, resolve, reject }
  }
  const setup = () => {
    const flags: boolean[] = []
    const errors: unknown[] = []
    const applied: string[] = []
    const load = latestLoad((on) => flags.push(on), { error: (e) => errors.push(e) })
    return { flags, errors, applied, load }
  }

  it('applies only the newest answer and lowers the flag when the newest ends', async () => {
    const { flags, applied, load } = setup()
    const old = deferred<string>()
    const newest = deferred<string>()
    const first = load(
      () => old.promise,
      (v) => applied.push(v),
    )
    const second = load(
      () => newest.promise,
      (v) => applied.push(v),
    )
    newest.resolve('new')
    await second
    old.resolve('old')
    await first
    expect(applied).toEqual(['new'])
    expect(flags).toEqual([true, true, false])
  })

  it('reports an error and clears what the newest failed load showed', async () => {
    const { flags, errors, load } = setup()
    const cleared: string[] = []
    const failure = new Error('Server gone')
    await load(
      () => Promise.reject(failure),
      () => undefined,
      () => cleared.push('cleared'),
    )
    expect(errors).toEqual([failure])
    expect(cleared).toEqual(['cleared'])
    expect(flags).toEqual([true, false])
  })

  it('reports a superseded failure without clearing the newer answer', async () => {
    const { errors, applied, load } = setup()
    const cleared: string[] = []
    const old = deferred<string>()
    const first = load(
      () => old.promise,
      (v) => applied.push(v),
      () => cleared.push('cleared'),
    )
    await load(
      () => Promise.resolve('new'),
      (v) => applied.push(v),
    )
    old.reject(new Error('late failure'))
    await first
    expect(applied).toEqual(['new'])
    expect(cleared).toEqual([])
    expect(errors).toHaveLength(1)
  })
})
