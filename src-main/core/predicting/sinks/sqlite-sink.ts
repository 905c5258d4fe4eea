import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type Database from 'better-sqlite3'
import { ApiError } from '../../../api/errors'
import { openSqliteFile } from '../../db/sqlite-driver'
import { isOutOfSpace } from '../../errors'
import { sqliteIdent, sqliteText } from '../sources/embedded-filters'
import type { OutputRow, SinkWriter } from '../types'
import { buildSqlitePanel } from './sqlite-panel'
import { sampleLabel, type SampledTable } from './output-sample'
import { OUTPUT_COLUMNS } from './tsv'

export interface SqliteSinkSpec {
  /** A file, or ':memory:' for checks. */
  path: string
  tables: readonly string[]
  taskId: string
  nativeBinding?: string | undefined
}

const outputTableSql = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
  id TEXT NOT NULL, task_id TEXT NOT NULL, source_author TEXT, label TEXT NOT NULL,
  score REAL NOT NULL, model_version TEXT NOT NULL, post_time TEXT, source_id TEXT, matched TEXT,
  PRIMARY KEY (task_id, id, model_version, label)
) WITHOUT ROWID`

const isNoSuchTable = (error: unknown) =>
  error instanceof Error && /no such table/i.test(error.message)

/** Results into a SQLite file: one transaction per batch, INSERT OR IGNORE (a replay adds nothing). */
export function createSqliteSink(spec: SqliteSinkSpec): SinkWriter {
  let db: Database.Database | null = null
  const open = () => {
    if (db) return db
    if (spec.path !== ':memory:') mkdirSync(dirname(spec.path), { recursive: true })
    db = openSqliteFile(spec.path, spec.nativeBinding ? { nativeBinding: spec.nativeBinding } : {})
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    return db
  }
  const columns = OUTPUT_COLUMNS.join(', ')
  const placeholders = OUTPUT_COLUMNS.map(() => '?').join(', ')

  return {
    name: `${spec.path}:${spec.tables.join(',')}`,
    prepare() {
      const c = open()
      for (const table of spec.tables) {
        c.exec(outputTableSql(sqliteIdent(table)))
        const have = new Set(
          (c.prepare(`PRAGMA table_info(${sqliteIdent(table)})`).all() as { name: string }[]).map(
            (r) => r.name,
          ),
        )
        const missing = OUTPUT_COLUMNS.filter((col) => !have.has(col))
        if (missing.length > 0) {
          throw new ApiError(
            'VALIDATION',
            `Table "${table}" in ${spec.path} exists without the result columns ${missing.join(', ')}. Pick another output table name.`,
          )
        }
      }
      return Promise.resolve()
    },
    write(rows) {
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
        c.transaction(() => {
          for (const r of rows) {
            inserts
              .get(r.table)!
              .run(
                r.id,
                spec.taskId,
                r.author,
                r.label,
                r.score,
                r.model,
                r.postTime,
                r.sourceId,
                r.matched,
              )
          }
        })()
      } catch (error) {
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
      return Promise.resolve()
    },
    reconnect() {
      db?.close()
      db = null
      open()
      return Promise.resolve()
    },
    finish(groups) {
      const c = open()
      return Promise.resolve(spec.tables.map((t) => buildSqlitePanel(c, t, spec.taskId, groups)))
    },
    async sample(labels, perLabel) {
      const c = open()
      const found: OutputRow[] = []
      for (const table of spec.tables) {
        const sampled: SampledTable = {
          table: sqliteIdent(table),
          rows: (sql, args) =>
            Promise.resolve(c.prepare(sql).all(...args) as Record<string, unknown>[]),
          ids: 'text',
          textType: 'TEXT',
        }
        for (const label of labels) {
          for (const r of await sampleLabel(sampled, spec.taskId, label, perLabel))
            found.push(rowOf(table, r))
        }
      }
      return found
    },
    close() {
      db?.close()
      db = null
      return Promise.resolve()
    },
  }
}

function rowOf(table: string, r: Record<string, unknown>): OutputRow {
  const text = sqliteText
  return {
    table,
    id: String(r.id),
    author: text(r.source_author),
    label: String(r.label),
    score: Number(r.score),
    model: String(r.model_version),
    postTime: text(r.post_time),
    sourceId: text(r.source_id),
    matched: text(r.matched),
  }
}
