import type { ExclusionSnapshot } from '../../api/contract/preprocessing'
import type {
  EvaluationSummary,
  ModelField,
  ModelType,
  ModelVersionDetail,
  ModelVersionSummary,
  ReportData,
} from '../../api/contract/models'
import type { Sqlite } from '../db/sqlite'

interface VersionRow {
  id: string
  name: string
  kind: ModelType
  field: ModelField
  labels: string
  params: string
  origin: ModelVersionSummary['origin']
  dataset_id: string | null
  dataset_name: string | null
  data_hash: string | null
  train_splits: string | null
  test_split: string | null
  exclusions: string
  report: string | null
  file_name: string
  file_bytes: number
  created_at: number
  updated_at: number
}

interface EvaluationRowData {
  id: string
  model_id: string
  dataset_id: string | null
  split: string | null
  source_file: string | null
  report: string
  details_file: string
  rows: number
  created_at: number
}

export interface NewVersion {
  id: string
  name: string
  kind: ModelType
  field: ModelField
  labels: string[]
  params: Record<string, unknown>
  origin: ModelVersionSummary['origin']
  datasetId: string | null
  datasetName: string | null
  dataHash: string | null
  trainSplits: string[] | null
  testSplit: string | null
  exclusions: ExclusionSnapshot[]
  report: ReportData | null
  fileName: string
  fileBytes: number
}

export interface NewEvaluation {
  id: string
  modelId: string
  datasetId: string | null
  split: string | null
  sourceFile: string | null
  report: ReportData
  detailsFile: string
  rows: number
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T))

/** A stored report; fields added after it was saved read as "not measured". */
function parseReport(text: string): ReportData {
  const stored = JSON.parse(text) as Partial<ReportData> &
    Omit<ReportData, 'counts' | 'hammingLoss' | 'samplesF1' | 'baseline' | 'baselineMacroF1'>
  return {
    ...stored,
    counts: stored.counts ?? null,
    hammingLoss: stored.hammingLoss ?? null,
    samplesF1: stored.samplesF1 ?? stored.samples?.f1 ?? null,
    baseline: stored.baseline ?? null,
    baselineMacroF1: stored.baselineMacroF1 ?? null,
    belowBaseline: stored.belowBaseline ?? false,
    confusion: { ...stored.confusion, noneIndex: stored.confusion.noneIndex ?? null },
  }
}

function toSummary(row: VersionRow): ModelVersionSummary {
  const report = row.report === null ? null : parseReport(row.report)
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    field: row.field,
    labels: JSON.parse(row.labels) as string[],
    origin: row.origin,
    datasetId: row.dataset_id,
    datasetName: row.dataset_name,
    testSplit: row.test_split,
    accuracy: report?.accuracy ?? null,
    macroF1: report?.macroF1 ?? null,
    belowBaseline: report?.belowBaseline ?? false,
    baseline: report?.baseline ?? null,
    fileBytes: row.file_bytes,
    createdAt: row.created_at,
  }
}

export type VersionRecord = Omit<
  ModelVersionDetail,
  'filePath' | 'evaluationId' | 'thresholds' | 'selection' | 'decisionRule'
> & {
  fileName: string
}

function toRecord(row: VersionRow): VersionRecord {
  return {
    ...toSummary(row),
    params: JSON.parse(row.params) as Record<string, unknown>,
    dataHash: row.data_hash,
    trainSplits: parse<string[]>(row.train_splits),
    exclusions: JSON.parse(row.exclusions) as ExclusionSnapshot[],
    report: row.report === null ? null : parseReport(row.report),
    fileName: row.file_name,
  }
}

function toEvaluation(
  row: EvaluationRowData,
): EvaluationSummary & { report: ReportData; detailsFile: string } {
  const report = parseReport(row.report)
  return {
    id: row.id,
    modelId: row.model_id,
    datasetId: row.dataset_id,
    split: row.split,
    sourceFile: row.source_file,
    rows: row.rows,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    createdAt: row.created_at,
    report,
    detailsFile: row.details_file,
  }
}

/** SQL for model versions and their evaluations. */
export function createModelsRepo(db: Sqlite) {
  const all = db.prepare<[], VersionRow>(
    'SELECT * FROM model_versions ORDER BY created_at DESC, rowid DESC',
  )
  const byId = db.prepare<[string], VersionRow>('SELECT * FROM model_versions WHERE id = ?')
  const insertVersion = db.prepare(
    `INSERT INTO model_versions (id, name, kind, field, labels, params, origin, dataset_id, dataset_name,
       data_hash, train_splits, test_split, exclusions, report, file_name, file_bytes, created_at, updated_at)
     VALUES (@id, @name, @kind, @field, @labels, @params, @origin, @datasetId, @datasetName, @dataHash,
       @trainSplits, @testSplit, @exclusions, @report, @fileName, @fileBytes, @now, @now)`,
  )
  const insertEvaluation = db.prepare(
    `INSERT INTO evaluations (id, model_id, dataset_id, split, source_file, report, details_file, rows, created_at)
     VALUES (@id, @modelId, @datasetId, @split, @sourceFile, @report, @detailsFile, @rows, @now)`,
  )
  const evaluationsOf = db.prepare<[string], EvaluationRowData>(
    'SELECT * FROM evaluations WHERE model_id = ? ORDER BY created_at DESC, rowid DESC',
  )
  const evaluationById = db.prepare<[string], EvaluationRowData>(
    'SELECT * FROM evaluations WHERE id = ?',
  )

  return {
    list: (): ModelVersionSummary[] => all.all().map(toSummary),
    get: (id: string): VersionRecord | undefined => {
      const row = byId.get(id)
      return row && toRecord(row)
    },
    insertVersion(v: NewVersion, now: number): void {
      insertVersion.run({
        ...v,
        labels: JSON.stringify(v.labels),
        params: JSON.stringify(v.params),
        trainSplits: v.trainSplits && JSON.stringify(v.trainSplits),
        exclusions: JSON.stringify(v.exclusions),
        report: v.report && JSON.stringify(v.report),
        now,
      })
    },
    insertEvaluation(e: NewEvaluation, now: number): void {
      insertEvaluation.run({ ...e, report: JSON.stringify(e.report), now })
    },
    rename(id: string, name: string, now: number): void {
      db.prepare('UPDATE model_versions SET name = ?, updated_at = ? WHERE id = ?').run(
        name,
        now,
        id,
      )
    },
    setParams(id: string, params: Record<string, unknown>, fileBytes: number, now: number): void {
      db.prepare(
        'UPDATE model_versions SET params = ?, file_bytes = ?, updated_at = ? WHERE id = ?',
      ).run(JSON.stringify(params), fileBytes, now, id)
    },
    remove(id: string): void {
      db.prepare('DELETE FROM model_versions WHERE id = ?').run(id)
    },
    evaluations: (modelId: string) => evaluationsOf.all(modelId).map(toEvaluation),
    evaluation: (id: string) => {
      const row = evaluationById.get(id)
      return row && toEvaluation(row)
    },
  }
}

export type ModelsRepo = ReturnType<typeof createModelsRepo>
