import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const stylesDir = join(import.meta.dirname, '../../../../src-renderer/src/styles')
const tokens = readFileSync(join(stylesDir, 'tokens.css'), 'utf8')

/** The fonts named in `--name: …;`, in order. */
function stack(name: string): string[] {
  const match = new RegExp(`--${name}:([^;]+);`).exec(tokens)
  if (!match?.[1]) throw new Error(`--${name} is not defined`)
  return [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '')
}

describe('CJK font stack', () => {
  it('names the Traditional-Chinese fonts before any Simplified one', () => {
    const fonts = stack('font-cjk')
    const firstSimplified = fonts.findIndex((f) => / SC$/.test(f) || f === 'Microsoft YaHei')
    for (const tc of ['Noto Sans CJK TC', 'PingFang TC', 'Microsoft JhengHei']) {
      expect(fonts.indexOf(tc)).toBeGreaterThanOrEqual(0)
      expect(fonts.indexOf(tc)).toBeLessThan(firstSimplified)
    }
  })

  it('is part of the UI font, and no stylesheet names a Simplified font on its own', () => {
    expect(tokens).toMatch(/--font-ui:[^;]*var\(--font-cjk\)/)
    for (const file of readdirSync(stylesDir).filter((f) => f !== 'tokens.css')) {
      expect(readFileSync(join(stylesDir, file), 'utf8')).not.toMatch(/ SC'|YaHei/)
    }
  })
})
