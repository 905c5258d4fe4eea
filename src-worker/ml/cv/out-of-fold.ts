import {
  decisionKindOf,
  decisionValues,
  fitWeights,
  type EstimatorSettings,
} from '../models/linear/estimators'
import type { FoldFeatures } from './fold-features'

/** The rows' label memberships (rows x width) at the given row numbers. */
export function selectMembers(members: Uint8Array, width: number, rows: Int32Array): Uint8Array {
  const out = new Uint8Array(rows.length * width)
  rows.forEach((r, i) => out.set(members.subarray(r * width, (r + 1) * width), i * width))
  return out
}

/**
 * Out-of-fold decision values (rows x width): every row scored by the model fitted on the folds
 * it is not in. What calibration, threshold choice and model selection learn from.
 */
export function outOfFoldDecisions(
  features: FoldFeatures,
  settings: EstimatorSettings,
  members: Uint8Array,
  width: number,
  onFold: (fold: number, folds: number) => void = () => {},
): Float64Array {
  const rows = features.folds.length
  const out = new Float64Array(rows * width)
  const kind = decisionKindOf(settings)
  for (let f = 0; f < features.k; f++) {
    onFold(f, features.k)
    const fold = features.fold(f)
    const weights = fitWeights(
      { ...settings, seed: settings.seed * 31 + f + 1 },
      fold.train,
      selectMembers(members, width, fold.trainRows),
      width,
    )
    const decisions = decisionValues(fold.valid, weights, width, kind)
    fold.validRows.forEach((r, i) => {
      out.set(decisions.subarray(i * width, (i + 1) * width), r * width)
    })
  }
  return out
}
