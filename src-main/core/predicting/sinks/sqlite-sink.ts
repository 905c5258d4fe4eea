import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type Database from 'better-sqlite3'
import { ApiError } from '../../../api/errors'
import { openSqliteFile } from '../../db/sqlite-driver'
import { isOutOfSpace } from '../../errors'
import { OUTPUT_COLUMNS, outputValues } from '../sql/output-tables'
import {
  createOutputTables,
  outputRowOf,
  sampleOutput,
  sqliteIdent,
  sqliteOutputTable,
} from '../sql/sqlite'
import type { SinkWriter } from '../types'
import { finishOutput } from './output-finish'
import type { OutputReader } from './output-sample'

/** A SQLite output: the file and the tables a task writes (main table and routed ones). */
export interface SqliteOutput {
  /** A file, or ':memory:' for checks. */
  path: string
  tables: readonly string[]
  nativeBinding?: string | undefined
}

export interface SqliteSinkSpec extends SqliteOutput {
  taskId: string
  /** Where the built worker entries are (the panel is built on a thread of its own). */
  workerDir?: string | undefined
  /** Tests: the thread building the panel waits until cell 0 of this is not 0. */
  holdFinish?: SharedArrayBuffer | undefined
}

function openOutput(spec: SqliteOutput): Database.Database {
  if (spec.path !== ':memory:') mkdirSync(dirname(spec.path), { recursive: true })
  const db = openSqliteFile(
    spec.path,
    spec.nativeBinding ? { nativeBinding: spec.nativeBinding } : {},
  )
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  return db
}

/** Creates the output tables (or checks the layout of existing ones): a check before a task exists. */
export function checkSqliteOutput(spec: SqliteOutput): void {
  const db = openOutput(spec)
  try {
    createOutputTables(db, spec.tables, spec.path)
  } finally {
    db.close()
  }
}

/** Reads a SQLite output on a connection of its own; creates nothing (a missing file has no tables). */
export async function readSqliteOutput<T>(
  spec: SqliteOutput,
  read: (output: OutputReader) => Promise<T>,
): Promise<T> {
  const reader = (tableOf: OutputReader['tableOf']) =>
    read({ tables: spec.tables, tableOf, rowOf: outputRowOf })
  if (spec.path === ':memory:' || !existsSync(spec.path)) return reader(() => Promise.resolve(null))
  const native = spec.nativeBinding ? { nativeBinding: spec.nativeBinding } : {}
  const db = openSqliteFile(spec.path, { fileMustExist: true, ...native })
  try {
    db.pragma('busy_timeout = 5000')
    return await reader(sqliteOutputTable(db))
  } finally {
    db.close()
  }
}

/** Rows written per turn of the event loop within a batch's transaction. */
const ROWS_PER_TURN = 2000

const isNoSuchTable = (error: unknown) =>
  error instanceof Error && /no such table/i.test(error.message)

/** Results into a SQLite file: one transaction per batch, INSERT OR IGNORE (a replay adds nothing). */
export function createSqliteSink(spec: SqliteSinkSpec): SinkWriter {
  let db: Database.Database | null = null
  const open = () => (db ??= openOutput(spec))
  const columns = OUTPUT_COLUMNS.join(', ')
  const placeholders = OUTPUT_COLUMNS.map(() => '?').join(', ')

  return {
    name: `${spec.path}:${spec.tables.join(',')}`,
    prepare() {
      createOutputTables(open(), spec.tables, spec.path)
      return Promise.resolve()
    },
    async write(rows) {
      const c = open()
      try {
        const inserts = new Map(
          spec.tables.map((t) => [
            t,
            c.prepare(
              `INSERT OR IGNORE INTO ${sqliteIdent(t)} (${columns}) VALUES (${placeholders})`,
            ),
          ]),
        )
        // One transaction per batch, written a slice per turn of the event loop: this connection
        // is the writer's alone, and 20,000 rows at once held every call for a few hundred ms.
        c.exec('BEGIN')
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!
          inserts.get(r.table)!.run(...outputValues(r, spec.taskId))
          if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1)
            await new Promise((resolve) => setImmediate(resolve))
        }
        c.exec('COMMIT')
      } catch (error) {
        if (c.inTransaction) c.exec('ROLLBACK')
        if (isNoSuchTable(error)) {
          throw new ApiError(
            'UNAVAILABLE',
            `An output table in ${spec.path} (${spec.tables.join(', ')}) was dropped while the task ran. Its earlier rows are gone: start a new task.`,
          )
        }
        if (isOutOfSpace(error)) {
          throw new ApiError(
            'UNAVAILABLE',
            `${spec.path} has no room left (the disk is full). Batches committed before it are kept and Resume writes this one again: free disk space, then Resume.`,
          )
        }
        throw error
      }
    },
    reconnect() {
      db?.close()
      db = null
      open()
      return Promise.resolve()
    },
    finish(groups) {
      const job = {
        path: spec.path,
        tables: spec.tables,
        taskId: spec.taskId,
        groups,
        nativeBinding: spec.nativeBinding,
        hold: spec.holdFinish,
      }
      return finishOutput(job, spec.workerDir, open())
    },
    sample(labels, perLabel) {
      return sampleOutput(open(), spec.tables, { taskId: spec.taskId, labels, perLabel })
    },
    close() {
      db?.close()
      db = null
      return Promise.resolve()
    },
  }
}
