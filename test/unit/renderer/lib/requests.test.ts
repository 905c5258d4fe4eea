import { describe, expect, it } from 'vitest'
import { busy, latest } from '../../../../src-renderer/src/lib/requests'

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
