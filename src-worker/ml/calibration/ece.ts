/**
 * Expected calibration error: predictions binned by probability into equal-width bins, the
 * row-weighted mean gap between each bin's mean probability and its share of true outcomes.
 */
export function expectedCalibrationError(
  probabilities: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  bins = 15,
): number {
  const count = new Float64Array(bins)
  const confidence = new Float64Array(bins)
  const hits = new Float64Array(bins)
  const n = probabilities.length
  for (let i = 0; i < n; i++) {
    const p = probabilities[i]!
    const b = Math.min(bins - 1, Math.floor(p * bins))
    count[b]!++
    confidence[b]! += p
    hits[b]! += outcomes[i]!
  }
  let error = 0
  for (let b = 0; b < bins; b++) if (count[b]) error += Math.abs(confidence[b]! - hits[b]!)
  return n === 0 ? 0 : error / n
}

/**
 * ECE of a model's scores against gold label sets (rows x width, row-major). Single-label: the
 * top-label form (the score of the predicted label against whether it is right). Multi-label:
 * every (row, label) score against whether the row has the label.
 */
export function scoreCalibrationError(
  scores: Float32Array,
  assigned: Uint8Array,
  gold: Uint8Array,
  width: number,
  multiLabel: boolean,
): number {
  if (multiLabel) return expectedCalibrationError(scores, gold)
  const rows = width === 0 ? 0 : scores.length / width
  const probabilities = new Float64Array(rows)
  const outcomes = new Float64Array(rows)
  let used = 0
  for (let r = 0; r < rows; r++) {
    for (let l = 0; l < width; l++) {
      if (!assigned[r * width + l]) continue
      probabilities[used] = scores[r * width + l]!
      outcomes[used++] = gold[r * width + l]!
      break
    }
  }
  return expectedCalibrationError(probabilities.subarray(0, used), outcomes.subarray(0, used))
}
