import { join } from 'node:path'
import { stratifiedFolds, foldRows } from '../../../../src-worker/ml/cv/folds'
import { readDataRows } from '../../../../src-worker/ml/io/data-file'
import { classificationReport } from '../../../../src-worker/ml/metrics/classification-report'
import { predictedLabelSets } from '../../../../src-worker/ml/metrics/evaluate'
import { isMultiLabel, labelMatrix, labelSpace } from '../../../../src-worker/ml/models/label-space'
import type { TrainingSet } from '../../../../src-worker/ml/models/model'
import { trainModel } from '../../../../src-worker/ml/models/registry'
import type { TrainConfig } from '../../../../src-worker/ml/models/train-config'

export const DEMO_FILE = join(
  import.meta.dirname,
  '../../../../resources/demo/audience-posts.jsonl',
)

export async function readDemo(): Promise<TrainingSet> {
  const texts: string[] = []
  const labels: string[][] = []
  for await (const rows of readDataRows(DEMO_FILE)) {
    for (const row of rows) {
      texts.push(row.fields.content ?? '')
      labels.push(row.labels ?? [])
    }
  }
  return { texts, labels }
}

/**
 * Macro-F1 of each of k stratified folds (seeded) of the whole training procedure: the model,
 * with its own inner cross-validation, fitted on the other folds and scored on the fold.
 */
export function outerCv(data: TrainingSet, config: TrainConfig, k = 5, seed = 1): number[] {
  const multiLabel = isMultiLabel(data.labels)
  const labels = labelSpace(data.labels, null)
  const folds = stratifiedFolds(labelMatrix(data.labels, labels), labels.length, k, seed)
  const scores: number[] = []
  for (let f = 0; f < k; f++) {
    const { train, valid } = foldRows(folds, f)
    const pick = <T>(values: readonly T[], rows: Int32Array) => Array.from(rows, (r) => values[r]!)
    const model = trainModel(
      { ...config, decision: { multiLabel } },
      { texts: pick(data.texts, train), labels: pick(data.labels, train) },
    )
    const texts = pick(data.texts, valid)
    const prediction = model.predictBatch({ size: texts.length, fields: { content: texts } })
    const report = classificationReport(pick(data.labels, valid), predictedLabelSets(prediction), {
      multiLabel: multiLabel || undefined,
    })
    scores.push(report.macroF1)
  }
  return scores
}
