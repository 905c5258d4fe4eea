import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type Database from 'better-sqlite3'
import type { CsvFlavour } from '../../../api/contract/common'
import { createCsvWriter } from '../../../../src-worker/ml/io/csv-writer'
import { sqliteIdent, sqliteText } from '../sources/embedded-filters'
import type { SinkWriter } from '../types'
import { panelTableOf } from './mariadb-panel'
import { createSqliteSink } from './sqlite-sink'
import { openSqliteFile } from '../../db/sqlite-driver'

export interface CsvSinkSpec {
  path: string
  csvFlavour: CsvFlavour
  taskId: string
  nativeBinding?: string | undefined
}

/** `<path>.sqlite` holds the rows while the task runs (unique key, checkpoints, samples). */
export const csvStagingPath = (path: string) => `${path}.sqlite`
export const csvPanelPath = (path: string) => path.replace(/(\.csv)?$/i, '_authors.csv')

async function exportCsv(
  db: Database.Database,
  table: string,
  taskId: string,
  path: string,
  flavour: CsvFlavour,
) {
  const out = createWriteStream(path, { encoding: 'utf8' })
  const rows = db.prepare(`SELECT * FROM ${sqliteIdent(table)} WHERE task_id = ?`).raw()
  const header = rows.columns().map((c) => c.name)
  const csv = createCsvWriter({ flavour })
  const line = (cells: unknown[]) => csv.row(cells.map((v) => sqliteText(v) ?? ''))
  out.write(csv.start + line(header))
  for (const r of rows.iterate(taskId) as Iterable<unknown[]>) {
    if (!out.write(line(r))) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

/**
 * Results as a CSV file: rows are staged in a SQLite file (so a replayed batch adds nothing and
 * samples work while running) and the CSV, with the author panel next to it, is written at the end.
 */
export function createCsvSink(spec: CsvSinkSpec): SinkWriter {
  const staging = csvStagingPath(spec.path)
  const inner = createSqliteSink({ ...spec, path: staging, tables: ['results'] })
  return {
    ...inner,
    name: spec.path,
    async finish(groups) {
      const counts = await inner.finish(groups)
      const db = openSqliteFile(staging, {
        readonly: true,
        ...(spec.nativeBinding ? { nativeBinding: spec.nativeBinding } : {}),
      })
      try {
        const { taskId, path, csvFlavour } = spec
        await exportCsv(db, 'results', taskId, path, csvFlavour)
        await exportCsv(db, panelTableOf('results'), taskId, csvPanelPath(path), csvFlavour)
      } finally {
        db.close()
      }
      return counts
    },
  }
}
