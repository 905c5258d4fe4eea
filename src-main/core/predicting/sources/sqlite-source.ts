import type Database from 'better-sqlite3'
import type { ColumnMapping, TextField } from '../../../api/contract/predicting'
import { ApiError } from '../../../api/errors'
import { openSqliteFile } from '../../db/sqlite-driver'
import type { SourceBatch, SourceReader } from '../types'
import { sqliteFilters, sqliteIdent, sqliteText } from '../sql/sqlite'
import { AuthorCounter } from './author-counter'
import type { SourceFilters } from './source-filters'

const TEXT_FIELDS: readonly TextField[] = ['content', 'title', 'author', 'sourceId']

export interface SqliteSourceSpec extends SourceFilters {
  path: string
  table: string
  columns: ColumnMapping
  fields?: readonly TextField[]
  nativeBinding?: string | undefined
}

function openChecked(spec: SqliteSourceSpec): Database.Database {
  let db: Database.Database
  try {
    db = openSqliteFile(spec.path, {
      readonly: true,
      fileMustExist: true,
      ...(spec.nativeBinding ? { nativeBinding: spec.nativeBinding } : {}),
    })
  } catch (error) {
    throw new ApiError(
      'VALIDATION',
      `SQLite file ${spec.path} cannot be opened (${String(error)}). Check the path.`,
    )
  }
  const info = db.prepare(`PRAGMA table_info(${sqliteIdent(spec.table)})`).all() as {
    name: string
  }[]
  if (info.length === 0) {
    db.close()
    throw new ApiError(
      'VALIDATION',
      `Table "${spec.table}" does not exist in ${spec.path}. Pick a table from the file.`,
    )
  }
  const names = new Set(info.map((c) => c.name))
  for (const [field, column] of Object.entries(spec.columns)) {
    if (column !== undefined && !names.has(column)) {
      db.close()
      throw new ApiError(
        'VALIDATION',
        `Column "${column}" (mapped to ${field}) is not in "${spec.table}". Columns: ${[...names].join(', ')}.`,
      )
    }
  }
  return db
}

const text = sqliteText

/** Keyset-paginated reads of a SQLite table in rowid order; the checkpoint is the last rowid. */
export function createSqliteSource(spec: SqliteSourceSpec): SourceReader {
  let db: Database.Database | null = openChecked(spec)
  const open = () => (db ??= openChecked(spec))
  const table = sqliteIdent(spec.table)
  const fields = TEXT_FIELDS.filter(
    (f) => spec.columns[f] !== undefined && (!spec.fields || spec.fields.includes(f)),
  )
  const time = spec.columns.postTime
  const selected = [
    spec.columns.id,
    ...fields.map((f) => spec.columns[f]!),
    ...(time ? [time] : []),
  ]
  const selectList = ['rowid', ...selected.map(sqliteIdent)].join(', ')
  const filters = sqliteFilters(spec)

  return {
    name: `${spec.path}:${spec.table}`,
    estimate() {
      const sql = `SELECT COUNT(*) FROM ${table} ${filters.where('')}`
      const rows = Number(
        open()
          .prepare(sql)
          .pluck()
          .get(...filters.args),
      )
      return Promise.resolve({ rows, exact: true })
    },
    read(after, limit) {
      const sql = `SELECT ${selectList} FROM ${table} ${filters.where('rowid > ?')} ORDER BY rowid LIMIT ?`
      const rows = open()
        .prepare(sql)
        .raw()
        .all(Number(after ?? 0), ...filters.args, limit) as unknown[][]
      if (rows.length === 0) return Promise.resolve(null)
      const texts: SourceBatch['texts'] = {}
      fields.forEach((field, i) => (texts[field] = rows.map((r) => text(r[i + 2]))))
      const batch: SourceBatch = {
        size: rows.length,
        ids: rows.map((r) => String(r[1])),
        lastKey: Number(rows[rows.length - 1]![0]),
        texts,
        postTimes: time ? rows.map((r) => text(r[fields.length + 2])) : null,
      }
      return Promise.resolve(batch)
    },
    cancel: () => Promise.resolve(),
    reconnect() {
      db?.close()
      db = null
      open()
      return Promise.resolve()
    },
    textsOf(ids, field) {
      const column = spec.columns[field]
      const out = new Map<string, string>()
      if (!column || ids.length === 0) return Promise.resolve(out)
      const id = sqliteIdent(spec.columns.id)
      for (let at = 0; at < ids.length; at += 500) {
        const part = ids.slice(at, at + 500)
        const sql = `SELECT CAST(${id} AS TEXT), ${sqliteIdent(column)} FROM ${table} WHERE CAST(${id} AS TEXT) IN (${part.map(() => '?').join(', ')})`
        for (const r of open()
          .prepare(sql)
          .raw()
          .all(...part) as unknown[][])
          out.set(String(r[0]), text(r[1]) ?? '')
      }
      return Promise.resolve(out)
    },
    countAuthors(routes) {
      const counter = new AuthorCounter(routes)
      const author = spec.columns.author
      if (!author) return Promise.resolve(counter.counts())
      const sourceId = spec.columns.sourceId ? sqliteIdent(spec.columns.sourceId) : 'NULL'
      const sql = `SELECT DISTINCT ${sqliteIdent(author)}, ${sourceId} FROM ${table} ${filters.where('')}`
      for (const r of open()
        .prepare(sql)
        .raw()
        .iterate(...filters.args) as Iterable<unknown[]>)
        counter.add(text(r[0]), text(r[1]))
      return Promise.resolve(counter.counts())
    },
    close() {
      db?.close()
      db = null
      return Promise.resolve()
    },
  }
}
