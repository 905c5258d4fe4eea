import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contrastRatio, type Rgb } from '../../../../src-renderer/src/lib/contrast'

const stylesDir = join(import.meta.dirname, '../../../../src-renderer/src/styles')
const css = ['tokens.css', 'models.css']
  .map((f) => readFileSync(join(stylesDir, f), 'utf8'))
  .join('\n')

/** The custom properties of the first block whose selector contains `selector`, var() resolved. */
function theme(selector: string): Map<string, string> {
  const vars = new Map<string, string>()
  for (const block of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    if (!block[1]?.includes(selector) && !(selector === 'light' && block[1]?.includes(':root')))
      continue
    for (const m of (block[2] ?? '').matchAll(/--([\w-]+):\s*([^;]+);/g))
      vars.set(m[1] ?? '', (m[2] ?? '').trim())
  }
  const resolve = (v: string): string =>
    v.replace(/var\(--([\w-]+)\)/, (_, n: string) => resolve(vars.get(n) ?? ''))
  return new Map([...vars].map(([k, v]) => [k, resolve(v)]))
}

const hex = (h: string): Rgb => {
  const n = h.replace('#', '')
  return [0, 2, 4].map((i) => parseInt(n.slice(i, i + 2), 16)) as Rgb
}
const contrast = contrastRatio
const blend = (top: Rgb, alpha: number, under: Rgb): Rgb =>
  top.map((c, i) => c * alpha + (under[i] ?? 0) * (1 - alpha)) as Rgb

describe.each(['light', "[data-theme='dark']"])('theme %s', (selector) => {
  const t = theme(selector)
  const color = (name: string) => hex(t.get(name) ?? '')

  it.each([
    ['text', 'bg'],
    ['text-muted', 'bg-raised'],
    ['text-muted', 'bg'],
    ['success-text', 'success-bg'],
    ['warning-text', 'warning-bg'],
    ['danger', 'danger-bg'],
    ['accent', 'info-bg'],
  ])('%s on %s reaches 4.5:1', (fg, bg) => {
    expect(contrast(color(fg), color(bg))).toBeGreaterThanOrEqual(4.5)
  })

  it("keeps 4.5:1 on the confusion matrix's darkest cell", () => {
    const max = /--md-share, 0\) \* ([\d.]+)\)/.exec(css)
    const base = /calc\(([\d.]+) \+ var\(--md-share/.exec(css)
    const alpha = Number(base?.[1]) + Number(max?.[1])
    const heat = (t.get('md-heat') ?? '').split(/\s+/).map(Number) as Rgb
    const cell = blend(heat, alpha, color('bg-raised'))
    expect(contrast(color('text'), cell)).toBeGreaterThanOrEqual(4.5)
  })
})
