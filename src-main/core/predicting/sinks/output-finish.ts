import { createWriteStream, existsSync } from 'node:fs'
import { once } from 'node:events'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type Database from 'better-sqlite3'
import { Piscina } from 'piscina'
import { ApiError, isApiErrorData, type ApiErrorData } from '../../../api/errors'
import { openSqliteFile } from '../../db/sqlite-driver'
import type { CsvFlavour } from '../../../api/contract/common'
import { createCsvWriter } from '../../../../src-worker/ml/io/csv-writer'
import { assertFitsXlsx, createXlsxWriter, isXlsxPath } from '../../../../src-worker/ml/io/xlsx'
import { panelTableOf } from '../sql/output-tables'
import { buildSqlitePanel, sqliteIdent, sqliteText } from '../sql/sqlite'
import type { TableCounts } from '../types'

/** The end of a task writing to a SQLite file: author panels, and for CSV outputs the CSV files. */
export interface OutputFinishJob {
  /** The SQLite output (or a CSV output's staging file). */
  path: string
  tables: readonly string[]
  taskId: string
  groups: readonly (readonly string[])[]
  nativeBinding?: string | undefined
  /** CSV outputs: `results` and its panel written as these files (.xlsx paths as workbooks). */
  csv?: { path: string; panelPath: string; flavour: CsvFlavour }
  /** Tests: the finishing thread waits until cell 0 of this is not 0 before it starts. */
  hold?: SharedArrayBuffer | undefined
}

type FinishReply = { ok: true; counts: TableCounts[] } | { ok: false; error: ApiErrorData | string }

const ENTRY = 'output-finish.worker'

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

/** Writes the table as an .xlsx workbook; refused before writing past Excel's row limit. */
async function exportXlsx(db: Database.Database, table: string, taskId: string, path: string) {
  const count = db
    .prepare<[string], number>(`SELECT count(*) FROM ${sqliteIdent(table)} WHERE task_id = ?`)
    .pluck()
  assertFitsXlsx(count.get(taskId) ?? 0, `The output ${basename(path)}`)
  const rows = db.prepare(`SELECT * FROM ${sqliteIdent(table)} WHERE task_id = ?`).raw()
  const xlsx = await createXlsxWriter(path, table, taskId.slice(0, 8))
  const cells = (values: unknown[]) => values.map((v) => sqliteText(v) ?? '')
  try {
    await xlsx.row(rows.columns().map((c) => c.name))
    for (const r of rows.iterate(taskId) as Iterable<unknown[]>) await xlsx.row(cells(r))
    await xlsx.commit()
  } catch (error) {
    xlsx.abort()
    throw error
  }
}

const exportTable = (
  db: Database.Database,
  table: string,
  taskId: string,
  path: string,
  flavour: CsvFlavour,
) =>
  isXlsxPath(path)
    ? exportXlsx(db, table, taskId, path)
    : exportCsv(db, table, taskId, path, flavour)

/** Does the job on this thread, on its own connection to the file (see finishOutput). */
export async function runOutputFinish(job: OutputFinishJob): Promise<TableCounts[]> {
  if (job.hold) Atomics.wait(new Int32Array(job.hold), 0, 0)
  const db = openSqliteFile(job.path, job.nativeBinding ? { nativeBinding: job.nativeBinding } : {})
  try {
    db.pragma('busy_timeout = 5000')
    const counts = job.tables.map((t) => buildSqlitePanel(db, t, job.taskId, job.groups))
    if (job.csv) {
      const { path, panelPath, flavour } = job.csv
      await exportTable(db, 'results', job.taskId, path, flavour)
      await exportTable(db, panelTableOf('results'), job.taskId, panelPath, flavour)
    }
    return counts
  } finally {
    db.close()
  }
}

/** The worker entry: built next to the other entries, or this module's .ts sibling under tsx. */
function entryOf(workerDir: string | undefined): { filename: string; execArgv?: string[] } {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const dir of [workerDir, here]) {
    if (!dir) continue
    for (const ext of ['.js', '.mjs']) {
      const path = join(dir, ENTRY + ext)
      if (existsSync(path)) return { filename: pathToFileURL(path).href }
    }
  }
  const source = join(here, `${ENTRY}.ts`)
  if (existsSync(source))
    return { filename: pathToFileURL(source).href, execArgv: ['--import', 'tsx'] }
  throw new ApiError(
    'INTERNAL',
    `Worker file ${ENTRY} is missing in ${workerDir ?? here}; run "npm run build".`,
  )
}

/**
 * Builds the author panels (and CSV files) of a SQLite output on a worker thread with its own
 * connection to the file: on 2M rows this is seconds of SQLite work that would otherwise hold
 * every call. An in-memory output (a check) has nothing another connection could see: done here.
 */
export async function finishOutput(
  job: OutputFinishJob,
  workerDir: string | undefined,
  here?: Database.Database,
): Promise<TableCounts[]> {
  if (job.path === ':memory:' && here)
    return job.tables.map((t) => buildSqlitePanel(here, t, job.taskId, job.groups))
  const entry = entryOf(workerDir)
  const pool = new Piscina({
    filename: entry.filename,
    name: 'finishOutputJob',
    maxThreads: 1,
    minThreads: 0,
    ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
  })
  try {
    const reply = (await pool.run(job)) as FinishReply
    if (reply.ok) return reply.counts
    throw isApiErrorData(reply.error) ? ApiError.fromData(reply.error) : new Error(reply.error)
  } finally {
    await pool.destroy()
  }
}

/** What the worker entry sends back. */
export function finishReply(work: Promise<TableCounts[]>): Promise<FinishReply> {
  return work.then(
    (counts): FinishReply => ({ ok: true, counts }),
    (error: unknown): FinishReply => ({
      ok: false,
      error:
        error instanceof ApiError
          ? error.toData()
          : error instanceof Error
            ? error.message
            : String(error),
    }),
  )
}
