import type { BatchPrediction, DecisionParams } from './model'

export function thresholdsOf(labels: readonly string[], decision: DecisionParams): Float64Array {
  return Float64Array.from(labels, (label) => decision.thresholds[label] ?? decision.threshold)
}

/**
 * Turns scores into assigned labels. Single-label: the best-ranked label (rank defaults to the
 * scores). Statistical models always give it unless a none label is set and its score is below
 * threshold; rule models (alwaysAssign false) give it only when it reaches the threshold. A score
 * reaches its threshold when it is at least the threshold, or above it when strict.
 */
export function assignLabels(
  scores: Float32Array,
  labels: readonly string[],
  decision: DecisionParams,
  rank: Float32Array = scores,
  alwaysAssign = decision.noneLabel === null,
  strict = false,
): Uint8Array {
  const width = labels.length
  const rows = width === 0 ? 0 : scores.length / width
  const assigned = new Uint8Array(scores.length)
  const assigner = new LabelAssigner(labels, decision, alwaysAssign, strict)
  for (let r = 0; r < rows; r++) assigner.row(scores, rank, r * width, assigned)
  return assigned
}

/** assignLabels one row at a time, for a caller that needs a row's labels as soon as it is scored. */
export class LabelAssigner {
  private readonly limits: Float64Array
  private readonly width: number

  constructor(
    labels: readonly string[],
    private readonly decision: DecisionParams,
    private readonly alwaysAssign = decision.noneLabel === null,
    private readonly strict = false,
  ) {
    this.limits = thresholdsOf(labels, decision)
    this.width = labels.length
  }

  /** Sets assigned[base + l] to 1 for each label l given to the row at scores[base ..]. */
  row(scores: Float32Array, rank: Float32Array, base: number, assigned: Uint8Array): void {
    const { width, limits, strict } = this
    if (this.decision.multiLabel) {
      for (let l = 0; l < width; l++) {
        const score = scores[base + l]!
        if (score > limits[l]! || (!strict && score === limits[l]!)) assigned[base + l] = 1
      }
      return
    }
    let best = 0
    for (let l = 1; l < width; l++) if (rank[base + l]! > rank[base + best]!) best = l
    const top = scores[base + best]!
    if (this.alwaysAssign || top > limits[best]! || (!strict && top === limits[best]!))
      assigned[base + best] = 1
  }
}

/** Labels given to one row (the none label when nothing is assigned and one is set). */
export function rowLabels(prediction: BatchPrediction, row: number): string[] {
  const width = prediction.labels.length
  const result: string[] = []
  for (let l = 0; l < width; l++) {
    if (prediction.assigned[row * width + l]) result.push(prediction.labels[l]!)
  }
  if (result.length === 0 && prediction.noneLabel !== null) result.push(prediction.noneLabel)
  return result
}

export function defaultDecision(threshold: number, partial: Partial<DecisionParams> = {}) {
  return {
    multiLabel: partial.multiLabel ?? false,
    threshold: partial.threshold ?? threshold,
    thresholds: partial.thresholds ?? {},
    noneLabel: partial.noneLabel ?? null,
  } satisfies DecisionParams
}
