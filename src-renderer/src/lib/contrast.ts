/** WCAG colour contrast, for text on colours the user picks (a label's colour). */

export type Rgb = [number, number, number]

/** '#dc6e0c' (the contract's label colours) → [220, 110, 12]; anything else → null. */
export function parseHex(color: string): Rgb | null {
  const digits = /^#([0-9a-f]{6})$/i.exec(color.trim())?.[1]
  if (!digits) return null
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/** WCAG contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

export const LIGHT_TEXT = '#ffffff'
export const DARK_TEXT = '#000000'

/**
 * White or black, whichever reads better on `background` (one of them always reaches 4.58:1);
 * white if the colour cannot be parsed.
 */
export function textColorOn(background: string): string {
  const bg = parseHex(background)
  if (!bg) return LIGHT_TEXT
  const light = contrastRatio([255, 255, 255], bg)
  const dark = contrastRatio([0, 0, 0], bg)
  return light >= dark ? LIGHT_TEXT : DARK_TEXT
}
