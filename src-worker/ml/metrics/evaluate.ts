import { rowLabels } from '../models/decide'
import type { BatchPrediction, DocBatch, LabelExplanation, Model } from '../models/model'
import type { LabelPrior } from './baseline'
import { classificationReport, type ClassificationReport } from './classification-report'

/** One evaluated row, as written to details.csv. */
export interface RowDetail {
  id: string
  text: string
  gold: string[]
  predicted: string[]
  /** Score per model label, rounded to 6 digits. */
  scores: Record<string, number>
  /** Matched keywords/terms, e.g. "label: term x2 (0.83)". */
  matches: string[]
  correct: boolean
}

export interface Evaluation {
  report: ClassificationReport
  details: RowDetail[]
}

export function predictedLabelSets(prediction: BatchPrediction): string[][] {
  return Array.from({ length: prediction.size }, (_, r) => rowLabels(prediction, r))
}

/**
 * Labels the batch and compares with gold: report + per-row details. `prior` (the training
 * rows' label frequencies) sets the baseline; without it the gold rows' own are used.
 */
export function evaluateModel(
  model: Model,
  batch: DocBatch,
  gold: readonly (readonly string[])[],
  ids?: readonly string[],
  prior?: LabelPrior | null,
): Evaluation {
  const prediction = model.predictBatch(batch, { explain: true })
  const predicted = predictedLabelSets(prediction)
  const report = classificationReport(gold, predicted, {
    multiLabel: model.decision.multiLabel || undefined,
    prior: prior ?? null,
  })
  const texts = batch.fields[model.field] ?? []
  const width = prediction.labels.length
  const details = predicted.map((labels, r): RowDetail => {
    const scores: Record<string, number> = {}
    prediction.labels.forEach(
      (label, l) => (scores[label] = Math.round(prediction.scores[r * width + l]! * 1e6) / 1e6),
    )
    const goldRow = [...(gold[r] ?? [])]
    const correct =
      goldRow.length === labels.length && goldRow.every((label) => labels.includes(label))
    const matches = describeMatches(prediction.explanations?.[r] ?? [])
    return {
      id: ids?.[r] ?? String(r + 1),
      text: texts[r] ?? '',
      gold: goldRow,
      predicted: labels,
      scores,
      matches,
      correct,
    }
  })
  return { report, details }
}

export function describeMatches(explanation: readonly LabelExplanation[]): string[] {
  return explanation.flatMap(({ label, matches }) =>
    matches.map(({ term, count, weight }) => {
      const shown = weight === undefined ? '' : ` (${Math.round(weight * 1000) / 1000})`
      return `${label}: ${term} x${count}${shown}`
    }),
  )
}
