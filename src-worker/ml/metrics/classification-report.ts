import type {
  BaselineData,
  LabelCounts,
  LabelScores,
  ReportData,
} from '../../../src-main/api/contract/models'
import { compareStrings } from '../models/label-space'
import { baselineLabels, labelPrior, type LabelPrior } from './baseline'
import { confusionCells, NONE_CELL } from './confusion'

/**
 * scikit-learn's classification_report, with zero_division=0 (a precision, recall or F1 whose
 * denominator is zero counts as 0 and still enters the averages): the contract's ReportData as
 * the engine computes it, with every field present (stored reports of older versions may lack some).
 */
export interface ClassificationReport extends ReportData {
  counts: Record<string, LabelCounts>
  hammingLoss: number
  zeroDivision: 0
}

type LabelSets = readonly (readonly string[])[]

const divide = (a: number, b: number) => (b === 0 ? 0 : a / b)
const fScore = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r))
/** Equal macro-F1s computed in different orders may differ in the last bits. */
const TIE = 1e-12

export interface ReportOptions {
  /** Force the multi-label report (e.g. a multi-label model); default: any row without exactly
   * one gold and one predicted label makes it multi-label. */
  multiLabel?: boolean
  /** Label frequencies of the training rows, for the baseline; default: those of `gold`. */
  prior?: LabelPrior | null
}

export function classificationReport(
  gold: LabelSets,
  predicted: LabelSets,
  options: ReportOptions = {},
): ClassificationReport {
  if (gold.length !== predicted.length) {
    throw new Error(`${gold.length} gold rows but ${predicted.length} predicted rows.`)
  }
  const multiLabel = options.multiLabel ?? [...gold, ...predicted].some((row) => row.length !== 1)
  const tally = countLabels(gold, predicted)
  const { labels, tp, predCount, support } = tally
  const perLabel: Record<string, LabelScores> = {}
  const counts: Record<string, LabelCounts> = {}
  const scores = labelScores(tally)
  labels.forEach((label, i) => {
    perLabel[label] = scores[i]!
    const fp = predCount[i]! - tp[i]!
    const fn = support[i]! - tp[i]!
    counts[label] = { tp: tp[i]!, fp, fn, tn: gold.length - tp[i]! - fp - fn }
  })
  const micro = microAverage(tp, predCount, support)
  const macro = weightedAverage(scores, () => 1)
  const weighted = weightedAverage(scores, (s) => s.support)
  const samples = multiLabel ? samplesAverage(gold, predicted) : null
  const accuracy = divide(tally.exact, gold.length)
  const wrong = sum(predCount) + sum(support) - 2 * sum(tp)
  const baseline = baselineOf(gold, multiLabel, options.prior ?? null)
  return {
    multiLabel,
    rows: gold.length,
    labels,
    perLabel,
    counts,
    micro,
    macro,
    weighted,
    samples,
    accuracy,
    hammingLoss: multiLabel ? divide(wrong, gold.length * labels.length) : 1 - accuracy,
    macroF1: macro.f1,
    microF1: micro.f1,
    weightedF1: weighted.f1,
    samplesF1: samples?.f1 ?? null,
    baseline,
    baselineMacroF1: baseline?.macroF1 ?? null,
    belowBaseline: baseline !== null && macro.f1 <= baseline.macroF1 + TIE,
    confusion: confusionMatrix(labels, gold, predicted, multiLabel),
    zeroDivision: 0,
  }
}

interface Tally {
  labels: string[]
  tp: Float64Array
  predCount: Float64Array
  support: Float64Array
  exact: number
}

function countLabels(gold: LabelSets, predicted: LabelSets): Tally {
  const labels = [...new Set([...gold.flat(), ...predicted.flat()])].sort(compareStrings)
  const index = new Map(labels.map((label, i) => [label, i]))
  const tp = new Float64Array(labels.length)
  const predCount = new Float64Array(labels.length)
  const support = new Float64Array(labels.length)
  let exact = 0
  gold.forEach((goldRow, r) => {
    const goldSet = new Set(goldRow)
    const predSet = new Set(predicted[r])
    for (const label of goldSet) support[index.get(label)!]!++
    for (const label of predSet) {
      predCount[index.get(label)!]!++
      if (goldSet.has(label)) tp[index.get(label)!]!++
    }
    if (goldSet.size === predSet.size && [...goldSet].every((label) => predSet.has(label))) exact++
  })
  return { labels, tp, predCount, support, exact }
}

function labelScores({ labels, tp, predCount, support }: Tally): LabelScores[] {
  return labels.map((_, i) => {
    const precision = divide(tp[i]!, predCount[i]!)
    const recall = divide(tp[i]!, support[i]!)
    return { precision, recall, f1: fScore(precision, recall), support: support[i]! }
  })
}

/** The trivial predictor's labels on every row, scored like the model (see BaselineData). */
function baselineOf(
  gold: LabelSets,
  multiLabel: boolean,
  prior: LabelPrior | null,
): BaselineData | null {
  const labels = baselineLabels(prior ?? labelPrior(gold), multiLabel)
  if (gold.length === 0 || (!multiLabel && labels.length === 0)) return null
  const scores = labelScores(
    countLabels(
      gold,
      gold.map(() => labels),
    ),
  )
  return {
    strategy: multiLabel ? 'every-label' : 'majority',
    source: prior ? 'training' : 'evaluated',
    labels,
    macroF1: weightedAverage(scores, () => 1).f1,
  }
}

function confusionMatrix(
  labels: string[],
  gold: LabelSets,
  predicted: LabelSets,
  multiLabel: boolean,
): ClassificationReport['confusion'] {
  const none = labels.length
  const index = new Map(labels.map((label, i) => [label, i]))
  const at = (label: string | null) => (label === null ? none : index.get(label)!)
  const matrix = Array.from({ length: none + 1 }, () => new Array<number>(none + 1).fill(0))
  gold.forEach((goldRow, r) => {
    for (const [g, p] of confusionCells(goldRow, predicted[r]!)) matrix[at(g)]![at(p)]!++
  })
  const noneUsed = matrix[none]!.some((n) => n > 0) || matrix.some((row) => row[none]! > 0)
  if (multiLabel || noneUsed) return { labels: [...labels, NONE_CELL], matrix, noneIndex: none }
  matrix.pop()
  for (const row of matrix) row.pop()
  return { labels, matrix, noneIndex: null }
}

function sum(values: Float64Array): number {
  return values.reduce((a, b) => a + b, 0)
}

function microAverage(
  tp: Float64Array,
  predCount: Float64Array,
  support: Float64Array,
): LabelScores {
  const precision = divide(sum(tp), sum(predCount))
  const recall = divide(sum(tp), sum(support))
  return { precision, recall, f1: fScore(precision, recall), support: sum(support) }
}

function weightedAverage(scores: LabelScores[], weight: (s: LabelScores) => number): LabelScores {
  const total = scores.reduce((acc, s) => acc + weight(s), 0)
  const mean = (pick: (s: LabelScores) => number) =>
    divide(
      scores.reduce((acc, s) => acc + weight(s) * pick(s), 0),
      total,
    )
  const support = scores.reduce((acc, s) => acc + s.support, 0)
  return {
    precision: mean((s) => s.precision),
    recall: mean((s) => s.recall),
    f1: mean((s) => s.f1),
    support,
  }
}

function samplesAverage(gold: LabelSets, predicted: LabelSets): LabelScores {
  let precision = 0
  let recall = 0
  let f1 = 0
  let support = 0
  gold.forEach((goldRow, r) => {
    const goldSet = new Set(goldRow)
    const predSet = new Set(predicted[r])
    const hits = [...predSet].filter((label) => goldSet.has(label)).length
    const p = divide(hits, predSet.size)
    const rec = divide(hits, goldSet.size)
    precision += p
    recall += rec
    f1 += fScore(p, rec)
    support += goldSet.size
  })
  const rows = gold.length
  return {
    precision: divide(precision, rows),
    recall: divide(recall, rows),
    f1: divide(f1, rows),
    support,
  }
}

/**
 * The report as `audience evaluate` writes it to report.json. The first six keys are those of
 * earlier versions; perLabel entries gain tp/fp/fn/tn; "accuracy" is exact-match accuracy, also
 * written under that name.
 */
export function reportJson(report: ClassificationReport) {
  const perLabel: Record<string, LabelScores & LabelCounts> = {}
  for (const label of report.labels)
    perLabel[label] = { ...report.perLabel[label]!, ...report.counts[label]! }
  return {
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    microF1: report.microF1,
    weightedF1: report.weightedF1,
    perLabel,
    confusion: report.confusion,
    multiLabel: report.multiLabel,
    rows: report.rows,
    exactMatchAccuracy: report.accuracy,
    hammingLoss: report.hammingLoss,
    samplesF1: report.samplesF1,
    micro: report.micro,
    macro: report.macro,
    weighted: report.weighted,
    samples: report.samples,
    baselineMacroF1: report.baselineMacroF1,
    belowBaseline: report.belowBaseline,
    baseline: report.baseline,
  }
}
