/**
 * The `limit` strongest of weights[start .. start + size) into entries (k for weights[start + k])
 * and strongest (how many kept): by weight, the earlier first at one weight, none at or below 0.
 * Weights are worked out beforehand (LinearScorer.products) so this loop holds only the comparisons.
 */
export function selectTop(
  weights: Float64Array,
  size: number,
  entries: Int32Array,
  strongest: Float64Array,
  limit = entries.length,
  start = 0,
): number {
  let kept = 0
  // A weight enters above the floor: 0, then the weakest kept once `limit` are.
  let floor = 0
  for (let k = 0; k < size; k++) {
    const weight = weights[start + k]!
    if (weight <= floor) continue
    let at = kept < limit ? kept++ : limit - 1
    for (; at > 0 && strongest[at - 1]! < weight; at--) {
      strongest[at] = strongest[at - 1]!
      entries[at] = entries[at - 1]!
    }
    strongest[at] = weight
    entries[at] = k
    if (kept === limit) floor = strongest[limit - 1]!
  }
  return kept
}
