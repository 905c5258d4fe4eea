import { Readable } from 'node:stream'
import { ApiError } from '../../../api/errors'
import {
  isIntegerType,
  isNoSuchTable,
  openMariaDb,
  qualified,
  quoteIdent,
  type MariaDbConnection,
  type MariaDbTarget,
} from '../../db/mariadb'
import { isOutOfSpace } from '../../errors'
import type { OutputRow, SinkWriter, TableCounts } from '../types'
import { buildAuthorPanel } from './mariadb-panel'
import { sampleLabel, type SampledTable } from './output-sample'
import { chunked, OUTPUT_COLUMNS, toTsv } from './tsv'

export interface MariaDbSinkSpec {
  target: MariaDbTarget
  schema: string
  /** Every table the task writes (main table and routed ones). */
  tables: readonly string[]
  taskId: string
  /** SQL type of the output id column, from the source's id column. */
  idType: string
}

const outputTableSql = (name: string, idType: string) => `CREATE TABLE IF NOT EXISTS ${name} (
  id            ${idType} NOT NULL,
  task_id       CHAR(32) CHARACTER SET ascii NOT NULL,
  source_author VARCHAR(255) NULL,
  label         VARCHAR(64) NOT NULL,
  score         FLOAT NOT NULL,
  model_version VARCHAR(130) NOT NULL,
  post_time     DATETIME NULL,
  source_id     VARCHAR(255) NULL,
  matched       VARCHAR(1000) NULL,
  -- The only index: a replayed batch adds nothing, and secondary indexes are the largest write cost.
  PRIMARY KEY (task_id, id, model_version, label)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`

/** Results into MariaDB: one transaction per batch, LOAD DATA LOCAL INFILE (or INSERT IGNORE). */
export function createMariaDbSink(spec: MariaDbSinkSpec): SinkWriter {
  let conn: MariaDbConnection | null = null
  let localInfile = true
  // The query timeout guards reads of the user's tables; stopping an output write or the author
  // panel at the end of a long run would only lose work, so the output connection has none.
  const target = { ...spec.target, queryTimeoutMs: 0 }
  const open = async () =>
    (conn ??= await openMariaDb(target, { infileStreamFactory: () => Readable.from([]) }))
  const full = (table: string) => qualified(spec.schema, table)

  async function writeTable(c: MariaDbConnection, table: string, rows: readonly OutputRow[]) {
    if (!localInfile) return insertIgnore(c, full(table), rows, spec.taskId)
    const data = Buffer.from(toTsv(rows, spec.taskId), 'utf8')
    await c.query({
      sql: `LOAD DATA LOCAL INFILE 'batch.tsv' IGNORE INTO TABLE ${full(table)} CHARACTER SET utf8mb4
            FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${OUTPUT_COLUMNS.join(', ')})`,
      infileStreamFactory: () => Readable.from(chunked(data)),
    })
  }

  return {
    name: `${spec.schema}.${spec.tables.join(',')}`,
    async prepare() {
      const c = await open()
      const [flags] = await c.query('SELECT @@local_infile AS li')
      localInfile = Number((flags as { li: number }[])[0]?.li) === 1
      for (const table of spec.tables) {
        await c.query(outputTableSql(full(table), spec.idType))
        await checkLayout(c, spec.schema, table)
      }
    },
    async write(rows) {
      const c = await open()
      const byTable = new Map<string, OutputRow[]>()
      for (const row of rows) {
        const part = byTable.get(row.table)
        if (part) part.push(row)
        else byTable.set(row.table, [row])
      }
      try {
        await c.beginTransaction()
        for (const [table, part] of byTable) await writeTable(c, table, part)
        await c.commit()
      } catch (error) {
        await c.rollback().catch(() => undefined)
        if (isNoSuchTable(error)) {
          throw new ApiError(
            'UNAVAILABLE',
            `An output table in "${spec.schema}" (${spec.tables.join(', ')}) was dropped while the task ran. Its earlier rows are gone: start a new task.`,
          )
        }
        if (isOutOfSpace(error)) {
          throw new ApiError(
            'UNAVAILABLE',
            `The output in "${spec.schema}" has no room left (${(error as Error).message}). Batches committed before it are kept and Resume writes this one again: free disk space on the server, or raise the table's size limit, then Resume.`,
          )
        }
        throw error
      }
    },
    async reconnect() {
      conn?.destroy()
      conn = null
      await open()
    },
    async finish(groups) {
      const c = await open()
      const counts: TableCounts[] = []
      for (const table of spec.tables) {
        const integerIds = await hasIntegerIds(c, spec.schema, table)
        counts.push(await buildAuthorPanel(c, spec.schema, table, spec.taskId, groups, integerIds))
      }
      return counts
    },
    async sample(labels, perLabel) {
      const c = await open()
      const found: OutputRow[] = []
      for (const table of spec.tables) {
        const sampled: SampledTable = {
          table: full(table),
          rows: async (sql, args) => (await c.query(sql, args))[0] as Record<string, unknown>[],
          ids: (await hasIntegerIds(c, spec.schema, table)) ? 'integer' : 'text',
          textType: 'CHAR',
        }
        for (const label of labels) {
          for (const r of await sampleLabel(sampled, spec.taskId, label, perLabel))
            found.push(rowOf(table, r))
        }
      }
      return found
    },
    async close() {
      conn?.destroy()
      conn = null
    },
  }
}

/**
 * Whether the output table's id column is an integer. Read from the table, not from the source's id
 * type: an existing output table may have been created by a task over another source.
 */
async function hasIntegerIds(c: MariaDbConnection, schema: string, table: string) {
  const [rows] = await c.query(
    `SELECT COLUMN_TYPE AS type FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = 'id'`,
    [schema, table],
  )
  return isIntegerType(String((rows as { type: string }[])[0]?.type ?? ''))
}

async function checkLayout(c: MariaDbConnection, schema: string, table: string) {
  const [rows] = await c.query(
    'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    [schema, table],
  )
  const have = new Set((rows as { name: string }[]).map((r) => r.name))
  const missing = OUTPUT_COLUMNS.filter((col) => !have.has(col))
  if (missing.length > 0) {
    throw new ApiError(
      'VALIDATION',
      `Table "${schema}"."${table}" exists without the result columns ${missing.join(', ')}. Pick another output table name.`,
    )
  }
}

async function insertIgnore(
  c: MariaDbConnection,
  table: string,
  rows: readonly OutputRow[],
  taskId: string,
) {
  const columns = OUTPUT_COLUMNS.map(quoteIdent).join(', ')
  for (let start = 0; start < rows.length; start += 2000) {
    const values = rows
      .slice(start, start + 2000)
      .map((r) => [
        r.id,
        taskId,
        r.author,
        r.label,
        r.score,
        r.model,
        r.postTime,
        r.sourceId,
        r.matched,
      ])
    await c.query(`INSERT IGNORE INTO ${table} (${columns}) VALUES ?`, [values])
  }
}

function rowOf(table: string, r: Record<string, unknown>): OutputRow {
  const text = (v: unknown) =>
    v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v)
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
