import { describe, expect, it } from 'vitest'
import {
  pagesFor,
  scrollToReveal,
  visibleRange,
} from '../../../../../src-renderer/src/features/annotate/windowing'

describe('visibleRange', () => {
  it('renders only the rows in view plus the overscan', () => {
    // 500 px viewport, 50 px rows: rows 20..29 are visible at scrollTop 1000.
    expect(visibleRange(1000, 500, 50, 100_000, 5)).toEqual({ start: 15, end: 36 })
  })

  it('clamps at both ends', () => {
    expect(visibleRange(0, 500, 50, 100_000, 5)).toEqual({ start: 0, end: 16 })
    expect(visibleRange(50 * 99_990, 500, 50, 100_000, 5)).toEqual({
      start: 99_985,
      end: 100_000,
    })
    expect(visibleRange(0, 500, 50, 3)).toEqual({ start: 0, end: 3 })
  })

  it('is empty for an empty list and tolerates odd inputs', () => {
    expect(visibleRange(0, 500, 50, 0)).toEqual({ start: 0, end: 0 })
    expect(visibleRange(-20, 500, 50, 10, 0)).toEqual({ start: 0, end: 10 })
    expect(visibleRange(10_000, 500, 50, 10, 0)).toEqual({ start: 9, end: 10 })
  })

  it('never renders more than the viewport and overscan however long the list', () => {
    const { start, end } = visibleRange(123_456, 600, 56, 1_000_000)
    expect(end - start).toBeLessThanOrEqual(Math.ceil(600 / 56) + 1 + 12)
  })
})

describe('scrollToReveal', () => {
  it('scrolls up or down just enough, and not at all when the row is visible', () => {
    expect(scrollToReveal(10, 0, 200, 50)).toBe(350)
    expect(scrollToReveal(2, 300, 200, 50)).toBe(100)
    expect(scrollToReveal(7, 300, 200, 50)).toBeNull()
  })
})

describe('pagesFor', () => {
  it('lists the pages a range touches', () => {
    expect(pagesFor({ start: 95, end: 205 }, 100)).toEqual([0, 1, 2])
    expect(pagesFor({ start: 0, end: 100 }, 100)).toEqual([0])
    expect(pagesFor({ start: 0, end: 0 }, 100)).toEqual([])
  })
})
