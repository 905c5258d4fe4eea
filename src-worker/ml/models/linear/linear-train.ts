import { rowSquaredNorms, type CsrMatrix } from '../../features/sparse'
import { fitTfidf } from '../../features/tfidf'
import { readTfidfParams } from '../../features/tfidf-params'
import { createRandom } from '../../random'
import { defaultDecision } from '../decide'
import { labelMatrix, labelSpace } from '../label-space'
import type { ProgressCallback, TrainingSet } from '../model'
import { ParamReader } from '../params'
import type { TrainConfig } from '../train-config'
import { leaveOneOutDecisions, trainLogregDual, trainSvmDual } from './dual-cd'
import { LinearModel } from './linear-model'
import { fitPlatt } from './platt'

interface SolverSettings {
  solve: typeof trainSvmDual
  C: number
  tolerance: number
  maxIterations: number
  seed: number
}

/** One-vs-rest linear SVM or logistic regression over TF-IDF, scores calibrated to probabilities. */
export function fitLinear(config: TrainConfig, data: TrainingSet, progress: ProgressCallback) {
  const kind = config.kind === 'logreg' ? 'logreg' : 'linear-svm'
  const reader = new ParamReader(config.params ?? {}, kind)
  const tfidfParams = readTfidfParams(reader)
  const settings: SolverSettings = {
    solve: kind === 'logreg' ? trainLogregDual : trainSvmDual,
    C: reader.number('C', 1, (v) => v > 0),
    tolerance: reader.number('tolerance', 0.01, (v) => v > 0),
    maxIterations: reader.number('maxIterations', 1000, (v) => v >= 1),
    seed: config.seed ?? 0,
  }
  const calibrate = reader.boolean('calibrate', true)
  reader.finish()
  const decision = defaultDecision(0.5, config.decision)
  const labels = labelSpace(data.labels, decision.noneLabel)
  progress(0, labels.length, 'building features')
  const { tfidf, matrix } = fitTfidf(data.texts, tfidfParams)
  const members = labelMatrix(data.labels, labels)
  const weights = new Float32Array((matrix.cols + 1) * labels.length)
  const sigmoids = new Float64Array(2 * labels.length)
  const squaredNorms = rowSquaredNorms(matrix, 1)
  labels.forEach((label, l) => {
    progress(l, labels.length, `training ${label}`)
    const y = binaryTargets(members, labels.length, l)
    const solution = settings.solve({ ...problemOf(matrix, y, settings, l), squaredNorms })
    for (let f = 0; f <= matrix.cols; f++) weights[f * labels.length + l] = solution.w[f]!
    const sigmoid =
      calibrate && kind === 'linear-svm'
        ? fitPlatt(
            leaveOneOutDecisions(matrix, y, solution, squaredNorms),
            Uint8Array.from(y, (v) => (v > 0 ? 1 : 0)),
          )
        : { a: -1, b: 0 }
    sigmoids[2 * l] = sigmoid.a
    sigmoids[2 * l + 1] = sigmoid.b
  })
  progress(labels.length, labels.length, 'done')
  const params = { ...tfidfParams, C: settings.C, tolerance: settings.tolerance, calibrate }
  const header = { kind, labels, field: config.field ?? 'content', decision, params } as const
  return new LinearModel({ ...header, tfidf, weights, scoring: 'sigmoid', sigmoids })
}

function binaryTargets(members: Uint8Array, width: number, label: number): Int8Array {
  const rows = members.length / width
  return Int8Array.from({ length: rows }, (_, r) => (members[r * width + label] ? 1 : -1))
}

function problemOf(x: CsrMatrix, y: Int8Array, settings: SolverSettings, salt: number) {
  const random = createRandom(settings.seed * 7919 + salt)
  return {
    x,
    y,
    C: settings.C,
    tolerance: settings.tolerance,
    maxIterations: settings.maxIterations,
    random,
  }
}
