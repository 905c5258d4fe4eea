import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** In the page: elements sticking out on the right, outside any scrolling container. */
const OVERFLOW_SCRIPT = `(() => {
  const width = document.documentElement.clientWidth
  const clips = (el) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX)
  const insideScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (clips(p)) return true
    return false
  }
  const found = []
  if (document.documentElement.scrollWidth > width) {
    found.push('page scrolls: ' + document.documentElement.scrollWidth + ' > ' + width)
  }
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect()
    if (box.width === 0 || box.right <= width + 1 || insideScroller(el)) continue
    const name = el.getAttribute('aria-label') || (el.textContent || '').trim().slice(0, 30)
    found.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + name + '" right=' + Math.round(box.right))
  }
  return found
})()`

/** Elements sticking out of the viewport on the right, outside any scrolling container. */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(OVERFLOW_SCRIPT)
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

const CONTRAST_SCRIPT = `axe.run(document, { runOnly: ['color-contrast'] }).then((result) =>
  result.violations.flatMap((v) =>
    v.nodes.map((n) => n.target.join(' ') + ': ' + ((n.any[0] && n.any[0].message) || '')),
  ),
)`

/** axe-core's colour-contrast failures on the page (WCAG AA: 4.5:1, 3:1 for large text). */
export async function contrastViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  return page.evaluate<string[]>(CONTRAST_SCRIPT)
}

export const THEMES = ['light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

/** The theme the page shows now (the app's data-theme attribute). */
export function shownTheme(page: Page): Promise<string | undefined> {
  return page.evaluate<string | undefined>('document.documentElement.dataset.theme')
}

/**
 * Switches the page's theme the way the app does (the data-theme attribute), then waits for the
 * colour transitions to end: axe-core must not measure colours halfway between the themes.
 */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate(`document.documentElement.dataset.theme = '${theme}'`)
  // A string script: the page's CSP forbids the eval that waitForFunction would need.
  const settled = `document.getAnimations().every((a) => a.playState !== 'running')`
  while (!(await page.evaluate<boolean>(settled))) await page.waitForTimeout(20)
}

/** The laptop screens every view must fit: a common laptop and a smaller one. */
export const LAPTOP_SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const
export type ViewSize = (typeof LAPTOP_SIZES)[number]

/**
 * What is wrong with the view the page shows now, at each size: elements overflowing the viewport
 * horizontally, and axe-core's contrast failures in each theme; each line names the view.
 */
export async function fitProblems(
  page: Page,
  view: string,
  sizes: readonly ViewSize[] = LAPTOP_SIZES,
): Promise<string[]> {
  const problems: string[] = []
  for (const size of sizes) {
    await page.setViewportSize(size)
    const at = `${view} at ${size.width}×${size.height}`
    problems.push(...(await horizontalOverflow(page)).map((p) => `${at}: ${p}`))
    for (const theme of THEMES) {
      await setTheme(page, theme)
      problems.push(...(await contrastViolations(page)).map((p) => `${at} (${theme}): ${p}`))
    }
  }
  return problems
}
