/** One point of a label's precision/recall against its decision threshold. */
export interface ThresholdPoint {
  threshold: number
  precision: number
  recall: number
  f1: number
  /** Rows whose score reaches the threshold. */
  predicted: number
}

export interface ScoredRow {
  gold: readonly string[]
  scores: Readonly<Record<string, number>>
}

/**
 * Precision and recall of one label if it were assigned whenever its score reaches the threshold,
 * at `steps` thresholds spread over the observed scores. Rows without a score for the label are
 * never assigned it. An empty result means the model gives no scores for this label.
 */
export function thresholdCurve(
  rows: readonly ScoredRow[],
  label: string,
  steps = 40,
): ThresholdPoint[] {
  const scored: { score: number; positive: boolean }[] = []
  let positives = 0
  for (const row of rows) {
    const positive = row.gold.includes(label)
    if (positive) positives++
    const score = row.scores[label]
    if (score !== undefined && Number.isFinite(score)) scored.push({ score, positive })
  }
  if (scored.length === 0) return []
  let min = Infinity
  let max = -Infinity
  for (const { score } of scored) {
    if (score < min) min = score
    if (score > max) max = score
  }
  const count = max === min ? 1 : Math.max(2, steps)
  const points: ThresholdPoint[] = []
  for (let i = 0; i < count; i++) {
    const threshold = count === 1 ? min : min + ((max - min) * i) / (count - 1)
    let tp = 0
    let predicted = 0
    for (const { score, positive } of scored) {
      if (score >= threshold) {
        predicted++
        if (positive) tp++
      }
    }
    const precision = predicted === 0 ? 0 : tp / predicted
    const recall = positives === 0 ? 0 : tp / positives
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    points.push({ threshold: round(threshold), precision, recall, f1, predicted })
  }
  return points
}

const round = (value: number) => Math.round(value * 10_000) / 10_000
