import { TASK_KINDS } from '../../api/contract/tasks'
import { once } from 'node:events'
import { createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type { CsvFlavour } from '../../api/contract/common'
import type { DatasetFormat, DocumentFilter, ExportReport } from '../../api/contract/datasets'
import type { Sqlite } from '../db/sqlite'
import type { ExportDocument } from '../formats/record'
import { CSV_HEADER, csvCells } from '../formats/csv-format'
import { createWriter } from '../formats/write'
import { assertFitsXlsx, createXlsxWriter } from '../../../src-worker/ml/io/xlsx'
import type { TaskKind } from '../tasks/task-registry'
import type { DatasetService } from './datasets.service'
import { createDocumentsRepo, filterWhere, type DocumentRowData } from './documents.repo'

export interface ExportConfig {
  datasetId: string
  format: DatasetFormat
  path: string
  /** How csv/tsv are written (other formats ignore it). */
  csvFlavour: CsvFlavour
  filter?: DocumentFilter
  documentIds?: number[]
}

const CHUNK = 1000

/** `datasets.export`: documents in id order, written to `<path>.part` and renamed when complete. */
export function exportTask(
  db: Sqlite,
  datasets: DatasetService,
): TaskKind<ExportConfig, null, ExportReport, typeof TASK_KINDS.export> {
  const documents = createDocumentsRepo(db)
  return {
    kind: TASK_KINDS.export,
    resumable: false,
    run: async (ctx) => {
      const { datasetId, format, path, filter, documentIds, csvFlavour } = ctx.config
      datasets.requireLive(datasetId)
      const labelNames = new Map(datasets.labelsOf(datasetId).map((l) => [l.id, l.name]))
      const where = filterWhere(datasetId, filter, documentIds)
      const total = documents.count(where)
      if (format === 'xlsx') {
        assertFitsXlsx(total, 'This export')
        const xlsx = await createXlsxWriter(path, 'documents', ctx.id.slice(0, 8))
        let written = 0
        try {
          await xlsx.row(CSV_HEADER)
          let rows = documents.chunk(where, 0, CHUNK)
          while (rows.length > 0) {
            for (const row of rows) {
              await xlsx.row(csvCells(toExportDocument(row, labelNames, documents)))
              written++
            }
            ctx.signal.throwIfAborted()
            ctx.progress({
              done: written,
              total,
              message: `Writing: ${written} of ${total} documents`,
            })
            rows = documents.chunk(where, rows.at(-1)?.id ?? 0, CHUNK)
          }
          await xlsx.commit()
        } catch (error) {
          xlsx.abort()
          throw error
        }
        return { datasetId, format, path, documents: written, bytes: statSync(path).size }
      }
      const writer = createWriter(format, csvFlavour)
      const partPath = `${path}.part-${ctx.id.slice(0, 8)}`
      mkdirSync(dirname(partPath), { recursive: true })
      const out = createWriteStream(partPath, { encoding: 'utf8' })
      const write = async (text: string) => {
        if (text.length > 0 && !out.write(text)) await once(out, 'drain')
      }
      let done = 0
      try {
        await write(writer.begin())
        let rows = documents.chunk(where, 0, CHUNK)
        while (rows.length > 0) {
          for (const row of rows) {
            await write(writer.document(toExportDocument(row, labelNames, documents), done++))
          }
          ctx.signal.throwIfAborted()
          ctx.progress({ done, total, message: `Writing: ${done} of ${total} documents` })
          rows = documents.chunk(where, rows.at(-1)?.id ?? 0, CHUNK)
        }
        await write(writer.end())
        out.end()
        await once(out, 'finish')
        renameSync(partPath, path)
      } catch (error) {
        out.destroy()
        rmSync(partPath, { force: true })
        throw error
      }
      return { datasetId, format, path, documents: done, bytes: out.bytesWritten }
    },
  }
}

function toExportDocument(
  row: DocumentRowData,
  labelNames: Map<number, string>,
  documents: ReturnType<typeof createDocumentsRepo>,
): ExportDocument {
  const labelIds = new Set(row.label_ids ? row.label_ids.split(',').map(Number) : [])
  return {
    text: row.text,
    // In label-set order, so exports are stable.
    labels: [...labelNames].flatMap(([id, name]) => (labelIds.has(id) ? [name] : [])),
    author: row.author,
    title: row.title,
    sourceId: row.source_id,
    postTime: row.post_time,
    meta: row.meta === null ? null : (JSON.parse(row.meta) as Record<string, unknown>),
    suggestions: documents.suggestions(row.id).flatMap((s) => {
      const label = labelNames.get(s.label_id)
      return label === undefined ? [] : [{ label, score: s.score }]
    }),
  }
}
