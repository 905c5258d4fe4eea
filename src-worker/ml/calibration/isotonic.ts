/**
 * A non-decreasing map from decision values to probabilities, fitted by pool-adjacent-violators:
 * one point per pooled block (the mean decision of its rows, the share of positives in it), with
 * equal neighbours merged so the points rise strictly; between points the map is linear, beyond
 * them flat.
 */
export interface IsotonicCurve {
  x: Float64Array
  y: Float64Array
}

export function fitIsotonic(decisions: Float64Array, positive: Uint8Array): IsotonicCurve {
  const n = decisions.length
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => decisions[a]! - decisions[b]!,
  )
  const sumX = new Float64Array(n)
  const sumY = new Float64Array(n)
  const weight = new Float64Array(n)
  let blocks = 0
  let last = NaN
  for (const i of order) {
    if (decisions[i] === last) {
      // Equal decisions share one block: the curve must be a function of the decision.
      sumX[blocks - 1]! += decisions[i]
      sumY[blocks - 1]! += positive[i]!
      weight[blocks - 1]!++
    } else {
      sumX[blocks] = decisions[i]!
      sumY[blocks] = positive[i]!
      weight[blocks] = 1
      blocks++
    }
    last = decisions[i]!
    // Pool while the last block is not above the one before it (ties pooled too: strict rise).
    while (
      blocks > 1 &&
      sumY[blocks - 1]! * weight[blocks - 2]! <= sumY[blocks - 2]! * weight[blocks - 1]!
    ) {
      sumX[blocks - 2]! += sumX[blocks - 1]!
      sumY[blocks - 2]! += sumY[blocks - 1]!
      weight[blocks - 2]! += weight[blocks - 1]!
      blocks--
    }
  }
  // Never quite 0 or 1: one more row could always have gone the other way.
  const floor = 1 / (2 * Math.max(1, n))
  const x = new Float64Array(blocks)
  const y = new Float64Array(blocks)
  for (let b = 0; b < blocks; b++) {
    x[b] = sumX[b]! / weight[b]!
    y[b] = Math.min(1 - floor, Math.max(floor, sumY[b]! / weight[b]!))
  }
  return { x, y }
}

/** The curve's probability at decision value f (x, y from offset start, count points). */
export function applyIsotonic(
  x: Float64Array,
  y: Float64Array,
  start: number,
  count: number,
  f: number,
): number {
  const end = start + count - 1
  if (f <= x[start]!) return y[start]!
  if (f >= x[end]!) return y[end]!
  let lo = start
  let hi = end
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (x[mid]! <= f) lo = mid
    else hi = mid
  }
  const t = (f - x[lo]!) / (x[hi]! - x[lo]!)
  return y[lo]! + t * (y[hi]! - y[lo]!)
}
