import type { LabelMode } from '@api/contract/datasets'

/** Pure parsing of the Datasets forms, unit-tested in Node. */

/** How many labels a document carries, as the forms offer it. */
export const LABEL_MODE_CHOICES: readonly { value: LabelMode; label: string }[] = [
  { value: 'multi', label: 'Several (multi-label)' },
  { value: 'single', label: 'One (single-label)' },
]

/** "a, b; c" → ['a', 'b', 'c'] without blanks or repeats. */
export function parseLabelNames(text: string): string[] {
  const names = text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
  return [...new Set(names)]
}

/** Percent inputs → ratios, or an error message. Pure, so it is unit-tested. */
export function ratiosFromPercents(train: number, dev: number, test: number) {
  const values = [train, dev, test]
  if (values.some((v) => !Number.isFinite(v) || v < 0 || v > 100)) {
    return { error: 'Each share is a percentage between 0 and 100.', ratios: undefined }
  }
  if (Math.abs(train + dev + test - 100) > 1e-6) {
    return { error: `The shares add up to ${train + dev + test} %, not 100 %.`, ratios: undefined }
  }
  return { error: null, ratios: { train: train / 100, dev: dev / 100, test: test / 100 } }
}
