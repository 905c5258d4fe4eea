import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../../../src-renderer/src/api/backoff'

describe('backoffDelay', () => {
  const options = { initialMs: 500, maxMs: 10_000 }

  it('doubles from the initial delay up to the cap', () => {
    const noJitter = () => 1
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, options, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ])
  })

  it('jitters down by at most 20 %', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(400)
  })
})
