import type {
  EvaluationRow,
  ModelSelection,
  ModelType,
  ReportData,
} from '../../api/contract/models'
import type { Evaluation } from '../../../src-worker/ml'
import type { Sqlite } from '../db/sqlite'
import { newId } from '../ids'
import type { ModelStore } from './model-store'
import type { ModelsRepo } from './models.repo'
import type { TrainingConfig } from './training-config'

/** What the training worker produced, as the version is saved from it. */
export interface TrainedModel {
  file: Uint8Array
  /** The kind the file holds (the chosen one, when training was automatic). */
  kind: ModelType
  labels: string[]
  selection: ModelSelection | null
  dataHash: string | null
  evaluation: Evaluation | null
}

export function toReportData(report: Evaluation['report']): ReportData {
  const { zeroDivision: _zero, ...data } = report
  return data
}

/** Worker details → stored rows; dataset rows keep their document id so the UI can open them. */
export function toEvaluationRows(
  evaluation: Evaluation,
  documentIds: readonly number[],
): EvaluationRow[] {
  return evaluation.details.map((d, i) => ({
    id: d.id,
    documentId: documentIds[i] ?? null,
    text: d.text,
    gold: d.gold,
    predicted: d.predicted,
    scores: d.scores,
    matches: d.matches,
    correct: d.correct,
  }))
}

/** What automatic selection chose, as version parameters (its feature set and C or alpha). */
function chosenParams(selection: ModelSelection | null): Record<string, string | number> {
  const chosen = selection?.method === 'auto' ? selection.candidates.find((c) => c.chosen) : null
  if (!chosen) return {}
  const nb = chosen.kind === 'nb' || chosen.kind === 'cnb'
  return {
    selectedBy: 'auto',
    features: chosen.features,
    [nb ? 'alpha' : 'C']: chosen.strength,
    ...(chosen.binaryPerLabel ? { binaryPerLabel: 'true' } : {}),
  }
}

/**
 * Files first (each written under a temporary name and renamed), then the rows in one transaction; an abort
 * before the commit removes the files, so no half-saved version is ever visible.
 */
export function saveTrainedVersion(
  deps: { db: Sqlite; repo: ModelsRepo; store: ModelStore },
  input: {
    modelId: string
    config: TrainingConfig
    datasetName: string | null
    output: TrainedModel
    testDocumentIds: readonly number[]
    signal: AbortSignal
  },
): { modelId: string; evaluationId: string | null } {
  const { config: c, output, modelId } = input
  const fileName = `${modelId}.audmodel`
  const evaluationId = output.evaluation ? newId() : null
  const detailsName = evaluationId ? `${evaluationId}.jsonl` : null
  deps.store.writeModel(fileName, output.file)
  if (output.evaluation && detailsName) {
    deps.store.writeDetails(detailsName, toEvaluationRows(output.evaluation, input.testDocumentIds))
  }
  try {
    input.signal.throwIfAborted()
    const report = output.evaluation ? toReportData(output.evaluation.report) : null
    deps.db.transaction(() => {
      const now = Date.now()
      deps.repo.insertVersion(
        {
          id: modelId,
          name: c.name,
          kind: output.kind,
          field: c.field,
          labels: output.labels,
          params: {
            ...c.params,
            ...chosenParams(output.selection),
            seed: c.seed,
            multiLabel: c.multiLabel,
          },
          origin: c.kind === 'keyword' || c.kind === 'regex' ? 'rules' : 'trained',
          datasetId: c.datasetId,
          datasetName: input.datasetName,
          dataHash: output.dataHash,
          trainSplits: c.trainSplits,
          testSplit: c.testSplit,
          exclusions: c.exclusions,
          report,
          fileName,
          fileBytes: output.file.byteLength,
        },
        now,
      )
      if (evaluationId && report && detailsName) {
        deps.repo.insertEvaluation(
          {
            id: evaluationId,
            modelId,
            datasetId: c.datasetId,
            split: c.testSplit,
            sourceFile: null,
            report,
            detailsFile: detailsName,
            rows: input.testDocumentIds.length,
          },
          now,
        )
      }
    })()
  } catch (error) {
    deps.store.remove('model', fileName)
    if (detailsName) deps.store.remove('details', detailsName)
    throw error
  }
  return { modelId, evaluationId }
}
