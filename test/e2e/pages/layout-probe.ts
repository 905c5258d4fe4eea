import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** Elements sticking out of the viewport on the right, outside any scrolling container. */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const scrolls = (el: Element) => {
      const style = getComputedStyle(el)
      return (
        style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden'
      )
    }
    const insideScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (scrolls(p)) return true
      }
      return false
    }
    const found: string[] = []
    if (document.documentElement.scrollWidth > width) {
      found.push(`page scrolls: ${document.documentElement.scrollWidth} > ${width}`)
    }
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.right <= width + 1 || insideScroller(el)) continue
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''
      found.push(
        `${el.tagName.toLowerCase()}.${el.className} "${name}" right=${Math.round(box.right)}`,
      )
    }
    return found
  })
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** axe-core's colour-contrast failures on the page (WCAG AA: 4.5:1, 3:1 for large text). */
export async function contrastViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<AxeResult> } }).axe
    interface AxeResult {
      violations: { nodes: { target: string[]; any: { message: string }[] }[] }[]
    }
    const result = await axe.run(document, { runOnly: ['color-contrast'] })
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? ''}`),
    )
  })
}
