import { describe, expect, it } from 'vitest'
import { busy, inOrder, latest } from '../../../../src-renderer/src/lib/requests'

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
