import type Database from 'better-sqlite3'
import { ApiError } from '../../../api/errors'
import { sampleTables, type SampledTable, type SampleRequest } from '../sinks/output-sample'
import type { SourceFilters } from '../sources/source-filters'
import { filterValues } from '../sources/source-filters'
import type { OutputRow, TableCounts } from '../types'
import { OUTPUT_COLUMNS, panelTableOf } from './output-tables'

/**
 * The SQLite dialect of predicting: quoting, filters, output and panel tables, row mapping and
 * sampling. SQLite sources, SQLite outputs and CSV outputs (staged in SQLite) all use it.
 */

/** A SQLite cell as text (null stays null). */
export function sqliteText(v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString()
  if (Buffer.isBuffer(v)) return v.toString('utf8')
  return JSON.stringify(v)
}

/** A SQLite identifier, double-quoted. */
export const sqliteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The time range and source-id filter as SQLite conditions: names quoted, values as parameters. */
export function sqliteFilters(spec: SourceFilters) {
  const { from, to, sourceIds } = filterValues(spec)
  const conditions: string[] = []
  const args: unknown[] = []
  const time = spec.columns.postTime ? sqliteIdent(spec.columns.postTime) : null
  if (time && from) {
    conditions.push(`${time} >= ?`)
    args.push(from)
  }
  if (time && to) {
    conditions.push(`${time} < ?`)
    args.push(to)
  }
  if (spec.columns.sourceId && sourceIds) {
    conditions.push(
      `${sqliteIdent(spec.columns.sourceId)} IN (${sourceIds.map(() => '?').join(', ')})`,
    )
    args.push(...sourceIds)
  }
  return {
    args,
    /** The WHERE clause with `leading` (the keyset condition, whose args come first) prepended. */
    where(leading: string): string {
      const all = leading ? [leading, ...conditions] : conditions
      return all.length ? `WHERE ${all.join(' AND ')}` : ''
    },
  }
}

const outputTableSql = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
  id TEXT NOT NULL, task_id TEXT NOT NULL, source_author TEXT, label TEXT NOT NULL,
  score REAL NOT NULL, model_version TEXT NOT NULL, post_time TEXT, source_id TEXT, matched TEXT,
  PRIMARY KEY (task_id, id, model_version, label)
) WITHOUT ROWID`

/** Creates missing output tables; throws VALIDATION when an existing one has another layout. */
export function createOutputTables(
  db: Database.Database,
  tables: readonly string[],
  where: string,
) {
  for (const table of tables) {
    db.exec(outputTableSql(sqliteIdent(table)))
    const have = new Set(
      (db.prepare(`PRAGMA table_info(${sqliteIdent(table)})`).all() as { name: string }[]).map(
        (r) => r.name,
      ),
    )
    const missing = OUTPUT_COLUMNS.filter((col) => !have.has(col))
    if (missing.length > 0) {
      throw new ApiError(
        'VALIDATION',
        `Table "${table}" in ${where} exists without the result columns ${missing.join(', ')}. Pick another output table name.`,
      )
    }
  }
}

/** One row of an output table as read back. */
export function outputRowOf(table: string, r: Record<string, unknown>): OutputRow {
  return {
    table,
    id: String(r.id),
    author: sqliteText(r.source_author),
    label: String(r.label),
    score: Number(r.score),
    model: String(r.model_version),
    postTime: sqliteText(r.post_time),
    sourceId: sqliteText(r.source_id),
    matched: sqliteText(r.matched),
  }
}

const tableExists = (db: Database.Database, table: string) =>
  db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !==
  undefined

/** An output table as the sampler and the scan read it; null when the table is gone. */
export const sqliteOutputTable =
  (db: Database.Database) =>
  (table: string): Promise<SampledTable | null> =>
    Promise.resolve(
      tableExists(db, table)
        ? {
            table: sqliteIdent(table),
            rows: (sql, args) =>
              Promise.resolve(db.prepare(sql).all(...args) as Record<string, unknown>[]),
            ids: 'text',
            textType: 'TEXT',
          }
        : null,
    )

/** Random written rows per label (see sampleLabel); a table that is gone gives none. */
export function sampleOutput(
  db: Database.Database,
  tables: readonly string[],
  request: SampleRequest,
): Promise<OutputRow[]> {
  return sampleTables(tables, request, sqliteOutputTable(db), outputRowOf)
}

const panelSql = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
  task_id TEXT NOT NULL, source_author TEXT NOT NULL, label TEXT NOT NULL, posts INTEGER NOT NULL,
  latest_id TEXT NOT NULL, latest_post_time TEXT,
  PRIMARY KEY (task_id, source_author, label)
) WITHOUT ROWID`

/**
 * The latest post of a group, as ORDER BY post_time DESC, id DESC picks it (NULL times last): the
 * largest of ('0' or '1' + time) + U+0001 + id. U+0001 sorts below every character of a time, so
 * times of different lengths still compare as themselves (NUL would cut SQLite's string functions).
 * Grouping over this key took 3 s on 2M rows where ranking them with ROW_NUMBER() took 10 s, all of
 * it on the main thread.
 */
const LATEST_KEY = `CASE WHEN post_time IS NULL THEN '0' ELSE '1' || post_time END || char(1) || id`

/** The author panel of one SQLite output table, with the same rules as the MariaDB one. */
export function buildSqlitePanel(
  db: Database.Database,
  table: string,
  taskId: string,
  groups: readonly (readonly string[])[],
): TableCounts {
  const results = sqliteIdent(table)
  const panel = sqliteIdent(panelTableOf(table))
  return db.transaction((): TableCounts => {
    db.exec(panelSql(panel))
    db.prepare(`DELETE FROM ${panel} WHERE task_id = ?`).run(taskId)
    db.prepare(
      `INSERT INTO ${panel} (task_id, source_author, label, posts, latest_id, latest_post_time)
       SELECT task_id, source_author, label, posts, substr(latest, instr(latest, char(1)) + 1),
         CASE WHEN substr(latest, 1, 1) = '0' THEN NULL
           ELSE substr(latest, 2, instr(latest, char(1)) - 2) END
       FROM (
         SELECT task_id, source_author, label, COUNT(*) AS posts, MAX(${LATEST_KEY}) AS latest
         FROM ${results} WHERE task_id = ? AND source_author IS NOT NULL AND source_author <> ''
         GROUP BY source_author, label)`,
    ).run(taskId)
    for (const labels of groups) {
      const list = labels.map(() => '?').join(', ')
      // A label loses to another of its group with at least as many posts: a tie drops both.
      db.prepare(
        `DELETE FROM ${panel} AS p WHERE p.task_id = ? AND p.label IN (${list}) AND EXISTS (
           SELECT 1 FROM ${panel} q WHERE q.task_id = p.task_id AND q.source_author = p.source_author
             AND q.label IN (${list}) AND q.label <> p.label AND q.posts >= p.posts)`,
      ).run(taskId, ...labels, ...labels)
    }
    const count = (sql: string) => Number(db.prepare(sql).pluck().get(taskId) ?? 0)
    return {
      table,
      rows: count(`SELECT COUNT(*) FROM ${results} WHERE task_id = ?`),
      labeledAuthors: count(`SELECT COUNT(DISTINCT source_author) FROM ${panel} WHERE task_id = ?`),
    }
  })()
}
