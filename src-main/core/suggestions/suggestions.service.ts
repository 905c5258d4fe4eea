import type { DocumentDetail } from '../../api/contract/annotation'
import type {
  ModelSuggestions,
  QueueName,
  QueuePage,
  QueueStep,
  LearningPoint,
  SuggestionSource,
} from '../../api/contract/suggestions'
import { TASK_KINDS } from '../../api/contract/tasks'
import { ApiError } from '../../api/errors'
import type { AnnotationService } from '../annotation/annotation.service'
import type { DatasetService } from '../datasets/datasets.service'
import type { ModelsRepo } from '../models/models.repo'
import type { ModelsService } from '../models/models.service'
import { createFreshModel } from './fresh-model'
import type { FreshRepo } from './fresh-model.repo'
import type { CoreTasks } from '../tasks/task-kinds'
import type { SuggestConfig } from './suggestions.task'
import type { SuggestionsRepo } from './suggestions.repo'

export const IMPORTED = 'imported'

interface SuggestionDeps {
  repo: SuggestionsRepo
  /** Keep-fresh's stored state (survives a restart). */
  fresh: FreshRepo
  models: ModelsRepo
  /** Starts, reads and prunes model versions (keep the model fresh). */
  training: Pick<ModelsService, 'startTraining' | 'get' | 'remove'>
  tasks: CoreTasks
  datasets: DatasetService
  annotation: AnnotationService
}

interface QueueParams {
  datasetId: string
  queue: QueueName
  modelVersion?: string | undefined
  seed: number
}

interface StoredReason {
  doubted: string | null
  doubtedScore: number
  preferred: string | null
  preferredScore: number
}

/** People read the reason: which gold label the cross-validated model doubts and what it prefers. */
export function reasonText(json: string | null): string | null {
  if (!json) return null
  const r = JSON.parse(json) as StoredReason
  const doubted = r.doubted
    ? `gold “${r.doubted}” gets ${r.doubtedScore.toFixed(2)} out of fold`
    : 'no gold label'
  const preferred = r.preferred
    ? `the model prefers “${r.preferred}” at ${r.preferredScore.toFixed(2)}`
    : 'the model gives no other label'
  return `${doubted}; ${preferred}`
}

/** Model suggestions for a dataset: computing them (a task), reading them, accepting them, queues. */
export function createSuggestionService(deps: SuggestionDeps) {
  const { repo, models, tasks, datasets } = deps

  function versionFor(datasetId: string, versionId: string | undefined) {
    const id =
      versionId ??
      models.list().find((v) => v.datasetId === datasetId && v.origin === 'trained')?.id
    if (!id) {
      throw new ApiError(
        'VALIDATION',
        'No model has been trained on this dataset yet. Train one (Models), then compute suggestions.',
      )
    }
    const version = models.get(id)
    if (!version)
      throw new ApiError('NOT_FOUND', `Model version ${id} does not exist. Refresh the list.`)
    return version
  }

  /** The version a queue reads; refuses a model queue without one. */
  function queueVersion(p: QueueParams): string {
    datasets.requireLive(p.datasetId)
    const needsModel = p.queue !== 'file' && p.queue !== 'random'
    if (needsModel && !p.modelVersion) {
      throw new ApiError(
        'VALIDATION',
        `The ${p.queue} queue needs a model version: pick one, or compute suggestions first.`,
      )
    }
    return p.modelVersion ?? IMPORTED
  }

  function forDocument(datasetId: string, documentId: number, version: string): ModelSuggestions {
    datasets.requireLive(datasetId)
    deps.annotation.getDocument(datasetId, documentId)
    const scores = version === IMPORTED ? undefined : repo.scoresOf(documentId, version)
    const flagged = scores?.mislabel != null && scores.mislabel >= 2
    return {
      modelVersion: version,
      suggestions: repo
        .forDocument(documentId, version)
        .map((s) => ({ labelId: s.label_id, score: s.score })),
      reason: flagged ? reasonText(scores.mislabel_reason) : null,
    }
  }

  function compute(
    datasetId: string,
    versionId?: string,
  ): { taskId: string; modelVersionId: string } {
    datasets.requireLive(datasetId)
    const version = versionFor(datasetId, versionId)
    const config: SuggestConfig = {
      datasetId,
      modelVersionId: version.id,
      fileName: version.fileName,
      field: version.field,
      exclusions: version.exclusions,
    }
    const task = tasks.start(TASK_KINDS.suggest, config, `Suggest labels with ${version.name}`)
    return { taskId: task.id, modelVersionId: version.id }
  }

  const fresh = createFreshModel({ ...deps, compute })

  return {
    compute,

    sources(datasetId: string): SuggestionSource[] {
      datasets.requireLive(datasetId)
      return repo
        .sources(datasetId)
        .map((s) => ({
          modelVersion: s.model_version,
          name:
            s.model_version === IMPORTED
              ? 'Imported with the file'
              : (models.get(s.model_version)?.name ?? 'A deleted model version'),
          documents: s.documents,
          computedAt: s.computed_at,
        }))
        .sort((a, b) => (b.computedAt ?? -1) - (a.computedAt ?? -1))
    },

    forDocument,

    retrain: (datasetId: string) => fresh.retrain(datasetId),
    freshStatus: (datasetId: string) => fresh.status(datasetId),
    setFresh: (datasetId: string, every: number | null) => fresh.setFresh(datasetId, every),
    /** Finishes or restarts the retrains a stopped app left pending (call once, at start). */
    resumeFresh: () => fresh.resume(),

    learningCurve(datasetId: string): LearningPoint[] {
      datasets.requireLive(datasetId)
      return repo.curve(datasetId)
    },

    accept(
      datasetId: string,
      documentId: number,
      version: string,
      sessionId: string,
    ): DocumentDetail {
      const single = datasets.requireLive(datasetId).label_mode === 'single'
      const { suggestions } = forDocument(datasetId, documentId, version)
      if (suggestions.length === 0) {
        throw new ApiError(
          'VALIDATION',
          'The model suggests no label for this document; choose its labels with the number keys.',
        )
      }
      // Suggestions come best first; a single-label dataset takes the best one.
      const labelIds = (single ? suggestions.slice(0, 1) : suggestions).map((s) => s.labelId)
      return deps.annotation.setLabels(datasetId, documentId, labelIds, sessionId)
    },

    queue(p: QueueParams & { offset: number; limit: number }): QueuePage {
      const { rows, total } = repo.queue(
        p.datasetId,
        p.queue,
        queueVersion(p),
        p.seed,
        p.offset,
        p.limit,
      )
      return {
        items: rows.map((r) => ({
          documentId: r.id,
          score: r.score,
          reason: reasonText(r.reason),
        })),
        total,
        offset: p.offset,
      }
    },

    queueStep(
      p: QueueParams & { fromDocumentId: number; direction: 'next' | 'previous' },
    ): QueueStep | null {
      const version = queueVersion(p)
      deps.annotation.getDocument(p.datasetId, p.fromDocumentId)
      const row = repo.step(p.datasetId, p.queue, version, p.seed, p.fromDocumentId, p.direction)
      return row ? { documentId: row.id, position: row.pos, total: row.total } : null
    },
  }
}

export type SuggestionService = ReturnType<typeof createSuggestionService>
