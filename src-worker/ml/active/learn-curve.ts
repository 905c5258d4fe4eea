import { classificationReport } from '../metrics/classification-report'
import { predictedLabelSets } from '../metrics/evaluate'
import { isMultiLabel, labelSpace } from '../models/label-space'
import type { Model, TrainingSet } from '../models/model'
import { trainModel } from '../models/registry'
import type { TrainConfig } from '../models/train-config'
import { createRandom } from '../random'
import { outOfFoldScores, subset } from './out-of-fold-scores'
import {
  mislabelledScores,
  orderByScore,
  randomOrder,
  uncertaintyScores,
  type MultiMeasure,
} from './queues'

export const LEARN_STRATEGIES = ['uncertainty', 'random'] as const
export type LearnStrategy = (typeof LEARN_STRATEGIES)[number]

export interface LearnCurveInput {
  train: TrainingSet
  test: TrainingSet
  config: TrainConfig
  strategy: LearnStrategy
  /** Random documents labelled before the first model. */
  start: number
  /** Documents the strategy asks for after each model. */
  batch: number
  /** Stop once this share of the training documents is labelled (0 < until <= 1). */
  until: number
  seed: number
  /** Stop early once a step reaches this macro-F1 (a benchmark asking only "how many labels"). */
  stopAt?: number
  /** Multi-label uncertainty measure (benchmarks compare them); the app's by default. */
  multiMeasure?: MultiMeasure
}

export interface LearnStep {
  labels: number
  macroF1: number
}

/**
 * Simulates an annotator who answers with the training file's gold labels: label `start` random
 * documents, then repeatedly train, score on the test set, and label the next `batch` documents
 * the strategy picks from the rest. The model config is fixed (no search) so the curve measures
 * the queue, not the model choice.
 */
export function learnCurve(input: LearnCurveInput, onStep: (step: LearnStep) => void): LearnStep[] {
  const { train, strategy, seed } = input
  const config = fixedConfig(input)
  const rows = train.texts.length
  const limit = Math.min(rows, Math.max(input.start, Math.ceil(input.until * rows)))
  const firstRows = randomOrder(rows, seed).subarray(0, Math.min(input.start, limit))
  const labelled = new Uint8Array(rows)
  for (const r of firstRows) labelled[r] = 1
  let count = firstRows.length
  const steps: LearnStep[] = []
  for (let step = 0; ; step++) {
    const chosen = rowsWhere(labelled, 1)
    const model = trainModel({ ...config, seed: seed + step }, subset(train, chosen))
    const result = { labels: count, macroF1: testMacroF1(model, input.test) }
    steps.push(result)
    onStep(result)
    if (count >= limit || result.macroF1 >= (input.stopAt ?? Infinity)) return steps
    const pool = rowsWhere(labelled, 0)
    const take = Math.min(input.batch, limit - count)
    const texts = subset(train, pool).texts
    const picked = pickNext(strategy, model, texts, take, seed + step, input.multiMeasure)
    for (const i of picked) labelled[pool[i]!] = 1
    count += picked.length
  }
}

/** Macro-F1 on the test set of a model trained on every training document. */
export function fullTrainingMacroF1(input: LearnCurveInput): number {
  return testMacroF1(trainModel(fixedConfig(input), input.train), input.test)
}

function fixedConfig(input: LearnCurveInput): TrainConfig {
  // The whole file decides single- or multi-label, not the first random rows.
  const multiLabel = input.config.decision?.multiLabel ?? isMultiLabel(input.train.labels)
  return {
    ...input.config,
    seed: input.seed,
    decision: { ...input.config.decision, multiLabel },
  }
}

function pickNext(
  strategy: LearnStrategy,
  model: Model,
  texts: readonly string[],
  take: number,
  seed: number,
  measure?: MultiMeasure,
): Int32Array {
  if (strategy === 'random') return randomOrder(texts.length, seed).subarray(0, take)
  const prediction = model.predictBatch({ size: texts.length, fields: { [model.field]: texts } })
  return orderByScore(uncertaintyScores(prediction, model.decision, measure)).subarray(0, take)
}

export function testMacroF1(model: Model, test: TrainingSet): number {
  const prediction = model.predictBatch({
    size: test.texts.length,
    fields: { [model.field]: test.texts },
  })
  return classificationReport(test.labels, predictedLabelSets(prediction), {
    multiLabel: model.decision.multiLabel,
  }).macroF1
}

function rowsWhere(flags: Uint8Array, value: number): Int32Array {
  const rows: number[] = []
  flags.forEach((flag, r) => {
    if (flag === value) rows.push(r)
  })
  return Int32Array.from(rows)
}

export interface MislabelledHits {
  rows: number
  flipped: number
  /** Documents in the first `share` of the queue. */
  inspected: number
  found: number
  hitRate: number
}

/**
 * The likely-mislabelled queue measured: flip `flipShare` of the (single-label) training labels
 * to another label at random, rank every row by confident learning on out-of-fold scores, and
 * count the flipped rows among the first `inspectShare` of the queue.
 */
export function mislabelledHitRate(
  train: TrainingSet,
  config: TrainConfig,
  options: { flipShare: number; inspectShare: number; seed: number; folds: number },
): MislabelledHits {
  if (isMultiLabel(train.labels))
    throw new Error('The mislabelled measure flips single labels; give a single-label file.')
  const labels = labelSpace(train.labels, null)
  const rows = train.texts.length
  const flippedRows = randomOrder(rows, options.seed + 1).subarray(
    0,
    Math.round(options.flipShare * rows),
  )
  const random = createRandom(options.seed * 7 + 3)
  const noisy = train.labels.map((row) => [...row])
  for (const r of flippedRows) {
    const others = labels.filter((label) => label !== noisy[r]![0])
    noisy[r] = [others[Math.floor(random() * others.length)]!]
  }
  const scored = outOfFoldScores(
    config,
    { texts: train.texts, labels: noisy },
    options.folds,
    options.seed,
  )
  const { score } = mislabelledScores(scored.scores, scored.members, scored.labels.length)
  const inspected = Math.round(options.inspectShare * rows)
  const queue = new Set(orderByScore(score).subarray(0, inspected))
  const found = [...flippedRows].filter((r) => queue.has(r)).length
  const flipped = flippedRows.length
  return { rows, flipped, inspected, found, hitRate: flipped ? found / flipped : 0 }
}
