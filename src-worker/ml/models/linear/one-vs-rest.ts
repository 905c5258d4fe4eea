import type { CsrMatrix } from '../../features/sparse'
import { createRandom } from '../../random'
import { trainLogregDual, trainSvmDual } from './dual-cd'

/** What decides one label's binary fit besides the data. */
export interface SolverSettings {
  kind: 'linear-svm' | 'logreg'
  C: number
  tolerance: number
  maxIterations: number
  seed: number
}

/**
 * One-vs-rest SVM or logistic regression: every label's binary problem reads the same matrix,
 * members and squared norms, and its own seeded generator, so labels can be solved in any order
 * and on any thread with the same result.
 */
export interface OneVsRest {
  settings: SolverSettings
  x: CsrMatrix
  /** rows x width: 1 = the row has the label. */
  members: Uint8Array
  width: number
  /** |x_i|^2 + 1 per row. */
  squaredNorms: Float64Array
}

/** Fits label `l` and writes its weights into column l of weights ((x.cols + 1) x width). */
export function solveLabel(problem: OneVsRest, l: number, weights: Float32Array): void {
  const { settings, x, members, width } = problem
  if (members.length !== x.rows * width)
    throw new Error(`Label memberships (${members.length}) do not match ${x.rows} rows.`)
  const y = new Int8Array(x.rows)
  for (let r = 0; r < x.rows; r++) y[r] = members[r * width + l] ? 1 : -1
  const solve = settings.kind === 'logreg' ? trainLogregDual : trainSvmDual
  const { w } = solve({
    x,
    y,
    C: settings.C,
    tolerance: settings.tolerance,
    maxIterations: settings.maxIterations,
    random: createRandom(settings.seed * 7919 + l),
    squaredNorms: problem.squaredNorms,
  })
  for (let f = 0; f <= x.cols; f++) weights[f * width + l] = w[f]!
}
