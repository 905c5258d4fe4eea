export interface ThresholdChoice {
  /** The decision value a row needs; null keeps the natural rule (probability >= 0.5). */
  threshold: number | null
  f1: number
  naturalF1: number
}

/** Below this F1 gain on held-out rows, a tuned threshold is noise: the natural rule stays. */
export const MIN_THRESHOLD_GAIN = 0.005

function f1(tp: number, fp: number, positives: number): number {
  return tp === 0 ? 0 : (2 * tp) / (tp + fp + positives)
}

/**
 * The decision threshold that maximises one label's F1 over out-of-fold decisions: a cut midway
 * between two neighbouring decision values. natural[i] is 1 where the natural rule gives the label.
 */
export function chooseThreshold(
  decisions: Float64Array,
  positive: Uint8Array,
  natural: Uint8Array,
): ThresholdChoice {
  const n = decisions.length
  let positives = 0
  let naturalTp = 0
  let naturalFp = 0
  for (let i = 0; i < n; i++) {
    positives += positive[i]!
    if (natural[i]) {
      if (positive[i]) naturalTp++
      else naturalFp++
    }
  }
  const naturalF1 = f1(naturalTp, naturalFp, positives)
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => decisions[b]! - decisions[a]!,
  )
  let tp = 0
  let fp = 0
  let best = naturalF1
  let cut = -1
  for (let k = 0; k < n; k++) {
    const i = order[k]!
    if (positive[i]) tp++
    else fp++
    const next = k + 1 < n ? decisions[order[k + 1]!]! : -Infinity
    if (next === decisions[i]) continue
    const score = f1(tp, fp, positives)
    if (score > best) {
      best = score
      cut = k
    }
  }
  if (cut < 0 || best - naturalF1 < MIN_THRESHOLD_GAIN) {
    return { threshold: null, f1: naturalF1, naturalF1 }
  }
  const above = decisions[order[cut]!]!
  const below = cut + 1 < n ? decisions[order[cut + 1]!]! : above - 1
  return { threshold: (above + below) / 2, f1: best, naturalF1 }
}
