import { compareStrings } from '../models/label-space'

/** How often each label occurs among the rows a model learned from: what a trivial model knows. */
export interface LabelPrior {
  rows: number
  /** Rows carrying each label. */
  counts: Record<string, number>
}

/**
 * The trivial predictor a model must beat. Single-label: always the majority label (ties: the
 * first by name), as scikit-learn's DummyClassifier(strategy="most_frequent"). Multi-label: the
 * best constant predictor per label for F1, which is to give every label seen in training to every
 * row (giving a label of frequency p scores F1 2p/(1+p) on it, never giving it scores 0).
 */

export function labelPrior(labels: readonly (readonly string[])[]): LabelPrior {
  const counts: Record<string, number> = {}
  for (const row of labels)
    for (const label of new Set(row)) counts[label] = (counts[label] ?? 0) + 1
  return { rows: labels.length, counts }
}

/** What the trivial predictor gives every row (empty when the prior has no labels). */
export function baselineLabels(prior: LabelPrior, multiLabel: boolean): string[] {
  const seen = Object.keys(prior.counts)
    .filter((label) => prior.counts[label]! > 0)
    .sort(compareStrings)
  if (multiLabel) return seen
  let best: string | null = null
  for (const label of seen)
    if (best === null || prior.counts[label]! > prior.counts[best]!) best = label
  return best === null ? [] : [best]
}

/** A prior as stored in a model file's header, checked: anything malformed counts as absent. */
export function readLabelPrior(value: unknown): LabelPrior | null {
  if (typeof value !== 'object' || value === null) return null
  const { rows, counts } = value as { rows?: unknown; counts?: unknown }
  if (typeof rows !== 'number' || typeof counts !== 'object' || counts === null) return null
  const checked: Record<string, number> = {}
  for (const [label, n] of Object.entries(counts as Record<string, unknown>)) {
    if (typeof n !== 'number' || !(n >= 0)) return null
    checked[label] = n
  }
  return { rows, counts: checked }
}
