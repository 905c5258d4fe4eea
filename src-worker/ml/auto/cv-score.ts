import { column } from '../calibration/calibrators'
import { chooseThreshold } from '../calibration/thresholds'

export interface CvScore {
  /** Macro-F1 of each fold's validation rows. */
  perFold: number[]
  mean: number
  std: number
}

/**
 * Macro-F1 of out-of-fold decisions (rows x width), fold by fold, under the rule the final model
 * uses: single-label, the arg-max label; multi-label, each label above its F1-best threshold
 * (chosen on all out-of-fold decisions, as the final model's thresholds are) or above 0.
 */
export function scoreOutOfFold(
  oof: Float64Array,
  members: Uint8Array,
  width: number,
  folds: Int32Array,
  k: number,
  multiLabel: boolean,
): CvScore {
  const predicted = multiLabel ? thresholded(oof, members, width) : argMax(oof, width)
  const perFold: number[] = []
  for (let f = 0; f < k; f++) perFold.push(foldMacroF1(predicted, members, width, folds, f))
  const mean = perFold.reduce((a, b) => a + b, 0) / k
  const variance = perFold.reduce((a, b) => a + (b - mean) ** 2, 0) / k
  return { perFold, mean, std: Math.sqrt(variance) }
}

function argMax(oof: Float64Array, width: number): Uint8Array {
  const out = new Uint8Array(oof.length)
  for (let base = 0; base < oof.length; base += width) {
    let best = 0
    for (let l = 1; l < width; l++) if (oof[base + l]! > oof[base + best]!) best = l
    out[base + best] = 1
  }
  return out
}

function thresholded(oof: Float64Array, members: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(oof.length)
  for (let l = 0; l < width; l++) {
    const decisions = column(oof, width, l)
    const natural = Uint8Array.from(decisions, (d) => (d > 0 ? 1 : 0))
    const { threshold } = chooseThreshold(decisions, column(members, width, l), natural)
    const cut = threshold ?? 0
    decisions.forEach((d, r) => {
      if (threshold === null ? d > 0 : d >= cut) out[r * width + l] = 1
    })
  }
  return out
}

/** scikit-learn's macro-F1 (zero_division = 0) over the labels present in the fold. */
function foldMacroF1(
  predicted: Uint8Array,
  members: Uint8Array,
  width: number,
  folds: Int32Array,
  f: number,
): number {
  const tp = new Float64Array(width)
  const fp = new Float64Array(width)
  const fn = new Float64Array(width)
  folds.forEach((fold, r) => {
    if (fold !== f) return
    for (let l = 0; l < width; l++) {
      const p = predicted[r * width + l]!
      const g = members[r * width + l]!
      if (p && g) tp[l]!++
      else if (p) fp[l]!++
      else if (g) fn[l]!++
    }
  })
  let sum = 0
  let labels = 0
  for (let l = 0; l < width; l++) {
    if (tp[l]! + fp[l]! + fn[l]! === 0) continue
    labels++
    sum += (2 * tp[l]!) / (2 * tp[l]! + fp[l]! + fn[l]!)
  }
  return labels === 0 ? 0 : sum / labels
}
