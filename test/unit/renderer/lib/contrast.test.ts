import { describe, expect, it } from 'vitest'
import {
  contrastRatio,
  DARK_TEXT,
  LIGHT_TEXT,
  parseHex,
  textColorOn,
} from '../../../../src-renderer/src/lib/contrast'

describe('text on a label colour', () => {
  it('computes the WCAG ratio (white on black is 21:1, white on #dc6e0c about 3.3:1)', () => {
    expect(contrastRatio([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5)
    expect(contrastRatio([255, 255, 255], parseHex('#dc6e0c')!)).toBeCloseTo(3.34, 2)
  })

  it('picks black on light or saturated colours and white on dark ones', () => {
    expect(textColorOn('#dc6e0c')).toBe(DARK_TEXT)
    expect(textColorOn('#ffdd57')).toBe(DARK_TEXT)
    expect(textColorOn('#1f3a93')).toBe(LIGHT_TEXT)
  })

  it('reaches 4.5:1 on every colour of a coarse sweep of the RGB cube', () => {
    const steps = [0, 51, 102, 153, 204, 255]
    for (const r of steps)
      for (const g of steps)
        for (const b of steps) {
          const bg = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`
          const text = parseHex(textColorOn(bg))!
          expect(contrastRatio(text, [r, g, b]), bg).toBeGreaterThanOrEqual(4.5)
        }
  })

  it('falls back to white on a colour it cannot read, and reads only #rrggbb', () => {
    expect(parseHex('tomato')).toBeNull()
    expect(parseHex('#fff')).toBeNull()
    expect(textColorOn('tomato')).toBe(LIGHT_TEXT)
  })
})
