import { compareStrings } from '../models/label-space'

export interface LabelScores {
  precision: number
  recall: number
  f1: number
  support: number
}

/**
 * scikit-learn's classification_report, with zero_division=0: a precision, recall or F1 whose
 * denominator is zero counts as 0 (and still enters the averages).
 */
export interface ClassificationReport {
  multiLabel: boolean
  rows: number
  /** Sorted union of gold and predicted labels: order of perLabel and the confusion matrix. */
  labels: string[]
  perLabel: Record<string, LabelScores>
  micro: LabelScores
  macro: LabelScores
  weighted: LabelScores
  /** Multi-label only: scores per row, averaged over rows. */
  samples: LabelScores | null
  /** Exact-match accuracy; for multi-label the subset accuracy (the whole label set must match). */
  accuracy: number
  macroF1: number
  microF1: number
  weightedF1: number
  /**
   * matrix[gold][predicted]. Single-label: the usual confusion matrix. Multi-label: for each row,
   * every (gold label, predicted label) pair is counted once.
   */
  confusion: { labels: string[]; matrix: number[][] }
  zeroDivision: 0
}

type LabelSets = readonly (readonly string[])[]

const divide = (a: number, b: number) => (b === 0 ? 0 : a / b)
const fScore = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r))

export function classificationReport(
  gold: LabelSets,
  predicted: LabelSets,
  options: { multiLabel?: boolean } = {},
): ClassificationReport {
  if (gold.length !== predicted.length) {
    throw new Error(`${gold.length} gold rows but ${predicted.length} predicted rows.`)
  }
  const multiLabel = options.multiLabel ?? [...gold, ...predicted].some((row) => row.length !== 1)
  const labels = [...new Set([...gold.flat(), ...predicted.flat()])].sort(compareStrings)
  const index = new Map(labels.map((label, i) => [label, i]))
  const tp = new Float64Array(labels.length)
  const predCount = new Float64Array(labels.length)
  const support = new Float64Array(labels.length)
  const matrix = labels.map(() => new Array<number>(labels.length).fill(0))
  let exact = 0
  gold.forEach((goldRow, r) => {
    const goldSet = new Set(goldRow)
    const predSet = new Set(predicted[r])
    for (const label of goldSet) support[index.get(label)!]!++
    for (const label of predSet) {
      predCount[index.get(label)!]!++
      if (goldSet.has(label)) tp[index.get(label)!]!++
    }
    for (const g of goldSet) for (const p of predSet) matrix[index.get(g)!]![index.get(p)!]!++
    if (goldSet.size === predSet.size && [...goldSet].every((label) => predSet.has(label))) exact++
  })
  const perLabel: Record<string, LabelScores> = {}
  const scores = labels.map((label, i) => {
    const precision = divide(tp[i]!, predCount[i]!)
    const recall = divide(tp[i]!, support[i]!)
    const entry = { precision, recall, f1: fScore(precision, recall), support: support[i]! }
    perLabel[label] = entry
    return entry
  })
  const micro = microAverage(tp, predCount, support)
  const macro = weightedAverage(scores, () => 1)
  const weighted = weightedAverage(scores, (s) => s.support)
  return {
    multiLabel,
    rows: gold.length,
    labels,
    perLabel,
    micro,
    macro,
    weighted,
    samples: multiLabel ? samplesAverage(gold, predicted) : null,
    accuracy: divide(exact, gold.length),
    macroF1: macro.f1,
    microF1: micro.f1,
    weightedF1: weighted.f1,
    confusion: { labels, matrix },
    zeroDivision: 0,
  }
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

/** The report as `audience evaluate` writes it to report.json. */
export function reportJson(report: ClassificationReport) {
  const perLabel: Record<string, LabelScores> = {}
  for (const label of report.labels) perLabel[label] = report.perLabel[label]!
  return {
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    microF1: report.microF1,
    weightedF1: report.weightedF1,
    perLabel,
    confusion: report.confusion,
  }
}
