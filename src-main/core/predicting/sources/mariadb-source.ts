import type { ColumnMapping, TextField } from '../../../api/contract/predicting'
import { ApiError } from '../../../api/errors'
import { listColumns } from '../../connections/catalog'
import {
  killQuery,
  openMariaDb,
  type MariaDbConnection,
  type MariaDbTarget,
} from '../../db/mariadb'
import { mariaDbFilters, mariaDbText, qualified, quoteIdent } from '../sql/mariadb'
import type { Key, SourceBatch, SourceReader } from '../types'
import type { SourceFilters } from './source-filters'

const TEXT_FIELDS: readonly TextField[] = ['content', 'title', 'author', 'sourceId']
/** How long counting the rows to read may take before the plan's estimate stands in. */
const COUNT_SECONDS = 2
/** ER_STATEMENT_TIMEOUT: max_statement_time was reached. */
const isStatementTimeout = (error: unknown) => (error as { errno?: number } | null)?.errno === 1969
export interface MariaDbSourceSpec extends SourceFilters {
  target: MariaDbTarget
  schema: string
  table: string
  columns: ColumnMapping
  /** Text fields to read (default: every mapped one); unread columns cost read time. */
  fields?: readonly TextField[]
}

/** What checking a source against information_schema learned about its id column. */
export interface CheckedSource {
  idType: string
  columnNames: string[]
}

/** Table and column names are checked here, before any SQL is built from them. */
export async function checkMariaDbSource(
  conn: MariaDbConnection,
  spec: MariaDbSourceSpec,
): Promise<CheckedSource> {
  const columns = await listColumns(conn, spec.schema, spec.table).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') {
      throw new ApiError(
        'VALIDATION',
        `Table "${spec.schema}"."${spec.table}" does not exist. Pick a table from the list.`,
      )
    }
    throw error
  })
  const byName = new Map(columns.map((c) => [c.name, c]))
  for (const [field, column] of Object.entries(spec.columns)) {
    if (column !== undefined && !byName.has(column)) {
      throw new ApiError(
        'VALIDATION',
        `Column "${column}" (mapped to ${field}) is not in "${spec.schema}"."${spec.table}". Columns: ${columns.map((c) => c.name).join(', ')}.`,
      )
    }
  }
  const id = byName.get(spec.columns.id)!
  const keyIndexes = await uniqueSingleColumnIndexes(conn, spec.schema, spec.table)
  if (!keyIndexes.has(id.name)) {
    throw new ApiError(
      'VALIDATION',
      `Column "${id.name}" is not the primary key or a unique single-column index of "${spec.table}"; the task pages by it. Map id to the primary key.`,
    )
  }
  return {
    idType: id.type,
    columnNames: columns.map((c) => c.name),
  }
}

async function uniqueSingleColumnIndexes(conn: MariaDbConnection, schema: string, table: string) {
  const [rows] = await conn.query(
    `SELECT MIN(COLUMN_NAME) AS col FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0
     GROUP BY INDEX_NAME HAVING COUNT(*) = 1`,
    [schema, table],
  )
  return new Set((rows as { col: string }[]).map((r) => r.col))
}

/**
 * Counting distinct authors over the whole source after a run costs seconds (a scan of the table and a
 * distinct over every row). A run that saw every row can instead collect the exact author strings it
 * read and let the server count them under the column's own collation: same number, a tenth the work.
 */
export interface SeenAuthorsCounter {
  /**
   * Distinct non-empty authors among `authors` (every author string the run read, for `table`), as
   * the server compares them; null when that cannot be done here (then use countAuthors).
   */
  countSeenAuthors(authors: Iterable<string>, table: string): Promise<Map<string, number> | null>
}

export const countsSeenAuthors = (
  reader: SourceReader,
): reader is SourceReader & SeenAuthorsCounter =>
  typeof (reader as Partial<SeenAuthorsCounter>).countSeenAuthors === 'function'

const SEEN_AUTHORS = 'audience_seen_authors'
const SEEN_CHUNK = 5000

/** Keyset-paginated reads in primary-key order (never OFFSET), rows as arrays, dates as strings. */
export function createMariaDbSource(spec: MariaDbSourceSpec): SourceReader & SeenAuthorsCounter {
  let conn: MariaDbConnection | null = null
  const table = qualified(spec.schema, spec.table)
  const id = quoteIdent(spec.columns.id)
  const fields = TEXT_FIELDS.filter(
    (f) => spec.columns[f] !== undefined && (!spec.fields || spec.fields.includes(f)),
  )
  const selected = [
    spec.columns.id,
    ...fields.map((f) => spec.columns[f]!),
    ...(spec.columns.postTime ? [spec.columns.postTime] : []),
  ]
  const selectList = selected.map(quoteIdent).join(', ')
  const filters = mariaDbFilters(spec)

  const open = async () => (conn ??= await openMariaDb(spec.target))

  function toBatch(rows: unknown[][]): SourceBatch | null {
    if (rows.length === 0) return null
    const size = rows.length
    const texts: SourceBatch['texts'] = {}
    fields.forEach((field, i) => (texts[field] = rows.map((r) => mariaDbText(r[i + 1]))))
    const timeIndex = spec.columns.postTime ? fields.length + 1 : -1
    return {
      size,
      ids: rows.map((r) => String(r[0])),
      lastKey: rows[size - 1]![0] as Key,
      texts,
      postTimes: timeIndex < 0 ? null : rows.map((r) => mariaDbText(r[timeIndex])),
    }
  }

  return {
    name: `${spec.schema}.${spec.table}`,
    async estimate() {
      const c = await open()
      const where = filters.where('')
      try {
        // The plan's row estimate was 2.2x off on a one-week range: count when the index answers soon.
        const [counted] = await c.query(
          `SET STATEMENT max_statement_time = ${COUNT_SECONDS} FOR SELECT COUNT(*) AS n FROM ${table} ${where}`,
          filters.args,
        )
        return { rows: Number((counted as { n: number | string }[])[0]?.n ?? 0), exact: true }
      } catch (error) {
        if (!isStatementTimeout(error)) throw error
      }
      const [plan] = await c.query(`EXPLAIN SELECT 1 FROM ${table} ${where}`, filters.args)
      const rows = (plan as { rows: number | null }[]).reduce((n, r) => n + Number(r.rows ?? 0), 0)
      return { rows, exact: false }
    },
    async read(after, limit) {
      const c = await open()
      const keyCondition = after === null ? '' : `${id} > ?`
      const sql = `SELECT ${selectList} FROM ${table} ${filters.where(keyCondition)} ORDER BY ${id} LIMIT ?`
      const args = [...(after === null ? [] : [after]), ...filters.args, limit]
      const [rows] = await c.query({ sql, rowsAsArray: true }, args)
      return toBatch(rows as unknown[][])
    },
    async cancel() {
      await killQuery(spec.target, conn?.threadId)
    },
    async reconnect() {
      conn?.destroy()
      conn = null
      conn = await openMariaDb(spec.target)
    },
    async textsOf(ids, field) {
      const column = spec.columns[field]
      if (!column || ids.length === 0) return new Map()
      const c = await open()
      const [rows] = await c.query(
        {
          sql: `SELECT ${id}, ${quoteIdent(column)} FROM ${table} WHERE ${id} IN (?)`,
          rowsAsArray: true,
        },
        [ids],
      )
      return new Map((rows as unknown[][]).map((r) => [String(r[0]), mariaDbText(r[1]) ?? '']))
    },
    async countAuthors(routes) {
      const result = new Map<string, number>()
      if (!spec.columns.author) return result
      const c = await open()
      const author = quoteIdent(spec.columns.author)
      const pairs = Object.entries(routes.bySourceId)
      const args: unknown[] = []
      let group = '?'
      if (spec.columns.sourceId && pairs.length > 0) {
        group = `CASE ${quoteIdent(spec.columns.sourceId)} ${pairs.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ? END`
        args.push(...pairs.flat())
      }
      args.push(routes.fallback)
      const sql = `SELECT ${group} AS g, COUNT(DISTINCT ${author}) AS n FROM ${table}
        ${filters.where(`${author} <> ''`)} GROUP BY g`
      const [rows] = await c.query(sql, [...args, ...filters.args])
      for (const r of rows as { g: string; n: number }[]) result.set(r.g, Number(r.n))
      return result
    },
    async countSeenAuthors(authors, routed) {
      const column = spec.columns.author
      if (!column) return new Map()
      const c = await open()
      // Binary columns round-trip through JS strings lossily: count those on the source.
      const [types] = await c.query(
        `SELECT CHARACTER_SET_NAME AS cs FROM information_schema.COLUMNS
         WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?`,
        [spec.schema, spec.table, column],
      )
      if (!(types as { cs: string | null }[])[0]?.cs) return null
      const seen = qualified(spec.schema, SEEN_AUTHORS)
      try {
        // Same type and collation as the source column; private to this connection.
        await c.query(`DROP TEMPORARY TABLE IF EXISTS ${seen}`)
        await c.query(
          `CREATE TEMPORARY TABLE ${seen} SELECT ${quoteIdent(column)} AS a FROM ${table} LIMIT 0`,
        )
      } catch {
        return null // e.g. no CREATE TEMPORARY TABLES privilege on the source schema
      }
      try {
        let chunk: string[][] = []
        for (const author of authors) {
          chunk.push([author])
          if (chunk.length === SEEN_CHUNK) {
            await c.query(`INSERT INTO ${seen} (a) VALUES ?`, [chunk])
            chunk = []
          }
        }
        if (chunk.length > 0) await c.query(`INSERT INTO ${seen} (a) VALUES ?`, [chunk])
        const [rows] = await c.query(`SELECT COUNT(DISTINCT a) AS n FROM ${seen} WHERE a <> ''`)
        return new Map([[routed, Number((rows as { n: number }[])[0]?.n ?? 0)]])
      } finally {
        await c.query(`DROP TEMPORARY TABLE IF EXISTS ${seen}`).catch(() => undefined)
      }
    },
    async close() {
      conn?.destroy()
      conn = null
    },
  }
}
