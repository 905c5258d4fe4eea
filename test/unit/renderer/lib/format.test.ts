import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatDuration,
  formatEta,
  formatRate,
  progressPercent,
} from '../../../../src-renderer/src/lib/format'

describe('progressPercent', () => {
  it('prefers the ratio, falls back to done/total, floors and clamps', () => {
    expect(progressPercent({ done: 1, total: 3, ratio: 0.5 })).toBe(50)
    expect(progressPercent({ done: 2, total: 3 })).toBe(66)
    expect(progressPercent({ done: 20, total: 20 })).toBe(100)
    expect(progressPercent({ done: 5, total: 4 })).toBe(100)
  })

  it('is null when the total is unknown', () => {
    expect(progressPercent(null)).toBeNull()
    expect(progressPercent({ done: 10 })).toBeNull()
    expect(progressPercent({ done: 0, total: 0 })).toBeNull()
  })
})

describe('formatRate', () => {
  it('shows per second, compact, or per minute below one', () => {
    expect(formatRate(9.87)).toBe('9.9/s')
    expect(formatRate(120_000, 'rows')).toBe('120k rows/s')
    expect(formatRate(4384)).toBe('4.4k/s')
    expect(formatRate(0.5)).toBe('30/min')
  })

  it('is null without a usable rate', () => {
    expect(formatRate(undefined)).toBeNull()
    expect(formatRate(0)).toBeNull()
    expect(formatRate(Number.NaN)).toBeNull()
  })
})

describe('formatEta and formatDuration', () => {
  it('reads like people talk', () => {
    expect(formatDuration(45_000)).toBe('45 s')
    expect(formatDuration(185_000)).toBe('3 min 05 s')
    expect(formatDuration(149 * 60_000)).toBe('2 h 29 min')
    expect(formatDuration(28 * 3_600_000)).toBe('1 d 4 h')
    expect(formatEta(58_000)).toBe('about 58 s left')
    expect(formatEta(300)).toBe('almost done')
    expect(formatEta(undefined)).toBeNull()
  })
})

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(812 * 1024 * 1024)).toBe('812.0 MiB')
  })
})
