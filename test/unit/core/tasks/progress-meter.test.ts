import { describe, expect, it } from 'vitest'
import { createProgressMeter } from '../../../../src-main/core/tasks/progress-meter'

describe('progress meter', () => {
  it('throttles pushes but always shows the final one, filling ratio, rate and ETA', () => {
    let t = 0
    const meter = createProgressMeter(() => t, 200)
    expect(meter.next({ done: 0, total: 100 })).toMatchObject({ done: 0, ratio: 0 })
    t = 100
    expect(meter.next({ done: 10, total: 100 })).toBeNull()
    t = 1000
    expect(meter.next({ done: 50, total: 100 })).toEqual({
      done: 50,
      total: 100,
      ratio: 0.5,
      rate: 50,
      etaMs: 1000,
    })
    t = 1001
    expect(meter.next({ done: 100, total: 100 })).toMatchObject({ done: 100, ratio: 1, etaMs: 0 })
  })

  it('keeps rates the task computed itself', () => {
    const meter = createProgressMeter(() => 5, 0)
    expect(meter.next({ done: 1, rate: 7 })).toEqual({ done: 1, rate: 7 })
    expect(meter.last()).toEqual({ done: 1, rate: 7 })
  })
})
