import type { LabelMode } from '../../api/contract/datasets'
import type { Sqlite } from '../db/sqlite'
import type { DatasetService } from './datasets.service'
import { createDocumentsRepo } from './documents.repo'
import type { ImportReportBuilder } from './import-report'
import type { StagedRow } from './import-staging'
import { splitForNewDocument } from './split'

export type ImportTarget =
  { datasetId: string } | { newDataset: { name: string; labelMode?: LabelMode } }

export interface ApplyInput {
  stagingFile: string
  target: ImportTarget
  duplicates: 'skip' | 'keep'
  /** Mode for a new dataset when the user did not choose one. */
  inferredMode: LabelMode
  /** Every label name the staged rows use, in order of first appearance. */
  labelNames: string[]
  onProgress: (done: number) => void
}

const CHUNK = 5000

/**
 * Adds the staged rows to the dataset in ONE transaction: the dataset (when new), missing labels,
 * documents, annotations and suggestions all land together or not at all.
 */
export function applyStaged(
  db: Sqlite,
  datasets: DatasetService,
  input: ApplyInput,
  report: ImportReportBuilder,
): void {
  const documents = createDocumentsRepo(db)
  const schema = `staging_${Math.random().toString(36).slice(2, 10)}`
  db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(input.stagingFile)
  try {
    db.transaction(() => {
      const datasetId =
        'datasetId' in input.target
          ? input.target.datasetId
          : datasets.createRow(
              input.target.newDataset.name,
              '',
              input.target.newDataset.labelMode ?? input.inferredMode,
            )
      const dataset = datasets.requireLive(datasetId)
      report.report.datasetId = datasetId
      report.report.datasetName = dataset.name
      const labelIds = ensureLabels(datasets, datasetId, input.labelNames, report)
      const split = datasets.splitConfig(datasetId)
      const at = Date.now()
      const read = db.prepare<[number], StagedRow>(
        `SELECT * FROM ${schema}.rows WHERE seq > ? ORDER BY seq LIMIT ${CHUNK}`,
      )
      let done = 0
      for (let rows = read.all(0); rows.length > 0; rows = read.all(rows.at(-1)?.seq ?? 0)) {
        for (const row of rows) {
          if (documents.hashExists(datasetId, row.hash)) {
            if (input.duplicates === 'skip') {
              report.report.duplicatesSkipped++
              continue
            }
            report.report.duplicatesKept++
          }
          insertRow(
            documents,
            datasetId,
            row,
            labelIds,
            split ? splitForNewDocument(split, row.hash) : null,
            at,
          )
          report.report.imported++
        }
        done += rows.length
        input.onProgress(done)
      }
    })()
  } finally {
    db.prepare(`DETACH DATABASE ${schema}`).run()
  }
}

function ensureLabels(
  datasets: DatasetService,
  datasetId: string,
  names: string[],
  report: ImportReportBuilder,
): Map<string, number> {
  const ids = new Map(datasets.labelsOf(datasetId).map((l) => [l.name, l.id]))
  for (const name of names) {
    if (ids.has(name)) continue
    ids.set(name, datasets.insertLabel(datasetId, { name }))
    report.report.labelsCreated.push(name)
  }
  return ids
}

function insertRow(
  documents: ReturnType<typeof createDocumentsRepo>,
  datasetId: string,
  row: StagedRow,
  labelIds: Map<string, number>,
  split: ReturnType<typeof splitForNewDocument> | null,
  at: number,
): void {
  const labels = JSON.parse(row.labels) as string[]
  const id = documents.insert({
    datasetId,
    text: row.text,
    author: row.author,
    title: row.title,
    sourceId: row.source_id,
    postTime: row.post_time,
    meta: row.meta,
    contentHash: row.hash,
    split,
    createdAt: at,
  })
  for (const label of labels) {
    const labelId = labelIds.get(label)
    if (labelId !== undefined) documents.addAnnotation(id, labelId, at)
  }
  if (labels.length > 0) documents.setLabeledAt(id, at)
  for (const s of JSON.parse(row.suggestions) as { label: string; score: number | null }[]) {
    const labelId = labelIds.get(s.label)
    if (labelId !== undefined) documents.addSuggestion(id, labelId, s.score)
  }
}
