import type { LabelScores, ModelComparison, ModelVersionSummary } from '../../api/contract/models'
import { ApiError } from '../../api/errors'
import type { DatasetReader } from '../datasets/dataset-reader'
import type { WorkerPool } from '../pool/worker-pool'
import type { ExclusionRunner } from '../preprocessing/exclusion-runner'
import type { ModelStore } from './model-store'
import type { ModelsRepo, VersionRecord } from './models.repo'
import { prepareDocs } from './training-input'

interface CompareDeps {
  datasets: DatasetReader
  pool: WorkerPool
  exclusions: ExclusionRunner
  store: ModelStore
  repo: ModelsRepo
  mustGet: (id: string) => VersionRecord
}

const summaryOf = (v: VersionRecord): ModelVersionSummary => {
  const {
    params: _p,
    dataHash: _h,
    trainSplits: _t,
    exclusions: _e,
    report: _r,
    fileName: _f,
    ...summary
  } = v
  return summary
}

/** Report diff, and both models run on a's test split (with a's exclusions) to list changed labels. */
export async function compareVersions(deps: CompareDeps, aId: string, bId: string, limit: number) {
  const a = deps.mustGet(aId)
  const b = deps.mustGet(bId)
  const labels = [...new Set([...(a.report?.labels ?? []), ...(b.report?.labels ?? [])])].sort()
  const scores = (v: VersionRecord, label: string): LabelScores | null =>
    v.report?.perLabel[label] ?? null
  const perLabel = labels.map((label) => ({
    label,
    a: scores(a, label),
    b: scores(b, label),
    f1Delta: (scores(b, label)?.f1 ?? 0) - (scores(a, label)?.f1 ?? 0),
  }))
  const headline = (['accuracy', 'macroF1', 'microF1', 'weightedF1'] as const).map((metric) => ({
    metric,
    a: a.report?.[metric] ?? 0,
    b: b.report?.[metric] ?? 0,
  }))
  const result: ModelComparison = {
    a: summaryOf(a),
    b: summaryOf(b),
    perLabel,
    headline,
    changed: [],
    changedCount: 0,
    comparedRows: 0,
  }
  if (!a.datasetId || !a.testSplit) return result
  if (a.field !== b.field) {
    throw new ApiError(
      'VALIDATION',
      `The models read different fields (${a.field}, ${b.field}); compare their reports only.`,
    )
  }
  const docs = await prepareDocs(
    deps.datasets,
    deps.exclusions,
    a.datasetId,
    [a.testSplit as 'test'],
    a.field,
    a.exclusions,
  )
  const predict = async (v: VersionRecord) => {
    const packed = { ...docs.packed, fields: { ...docs.packed.fields } }
    return deps.pool.run('modeling.predict', {
      file: deps.store.readModel(v.fileName),
      docs: packed,
    })
  }
  const [pa, pb] = await Promise.all([predict(a), predict(b)])
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((l) => y.includes(l))
  pa.forEach((labelsA, i) => {
    const labelsB = pb[i] ?? []
    if (same(labelsA, labelsB)) return
    result.changedCount++
    if (result.changed.length < limit) {
      result.changed.push({
        documentId: docs.documentIds[i] ?? i,
        text: docs.texts[i] ?? '',
        gold: docs.gold[i] ?? [],
        a: labelsA,
        b: labelsB,
      })
    }
  })
  result.comparedRows = docs.texts.length
  return result
}
