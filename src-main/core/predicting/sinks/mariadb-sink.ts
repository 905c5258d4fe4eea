import { Readable } from 'node:stream'
import { ApiError } from '../../../api/errors'
import {
  isNoSuchTable,
  openMariaDb,
  type MariaDbConnection,
  type MariaDbTarget,
} from '../../db/mariadb'
import { isOutOfSpace } from '../../errors'
import {
  buildAuthorPanel,
  createOutputTables,
  hasIntegerIds,
  qualified,
  quoteIdent,
  mariaDbOutputTable,
  outputRowOf,
  sampleOutput,
} from '../sql/mariadb'
import { OUTPUT_COLUMNS, outputValues } from '../sql/output-tables'
import type { OutputRow, SinkWriter, TableCounts } from '../types'
import type { OutputReader } from './output-sample'
import { PanelCounts } from './panel-counts'
import { chunked, groupRows, toTsv, TSV_COLUMNS, TSV_FORMAT } from './tsv'

/** A MariaDB output: where it is and the tables a task writes (main table and routed ones). */
export interface MariaDbOutput {
  target: MariaDbTarget
  schema: string
  tables: readonly string[]
}

export interface MariaDbSinkSpec extends MariaDbOutput {
  taskId: string
  /** SQL type of the output id column, from the source's id column. */
  idType: string
}

/**
 * The query timeout guards reads of the user's tables; stopping an output write or the author
 * panel at the end of a long run would only lose work, so output connections have none.
 */
const outputTarget = (target: MariaDbTarget): MariaDbTarget => ({ ...target, queryTimeoutMs: 0 })

/** Creates the output tables (or checks the layout of existing ones): a check before a task exists. */
export async function checkMariaDbOutput(spec: MariaDbOutput & { idType: string }): Promise<void> {
  const c = await openMariaDb(outputTarget(spec.target))
  try {
    await createOutputTables(c, spec.schema, spec.tables, spec.idType)
  } finally {
    c.destroy()
  }
}

/** Reads a MariaDB output on a connection of its own; creates nothing. */
export async function readMariaDbOutput<T>(
  spec: MariaDbOutput,
  read: (output: OutputReader) => Promise<T>,
): Promise<T> {
  const c = await openMariaDb(outputTarget(spec.target))
  try {
    return await read({
      tables: spec.tables,
      tableOf: mariaDbOutputTable(c, spec.schema),
      rowOf: outputRowOf,
    })
  } finally {
    c.destroy()
  }
}

/** Results into MariaDB: one transaction per batch, LOAD DATA LOCAL INFILE (or INSERT IGNORE). */
export function createMariaDbSink(spec: MariaDbSinkSpec): SinkWriter {
  let conn: MariaDbConnection | null = null
  let localInfile = true
  const target = outputTarget(spec.target)
  const open = async () =>
    (conn ??= await openMariaDb(target, { infileStreamFactory: () => Readable.from([]) }))
  const full = (table: string) => qualified(spec.schema, table)
  /** Per table, its panel's groups counted as written (see PanelCounts); null once they cannot be. */
  const panelCounts = new Map<string, PanelCounts | null>()

  /** One file per model: the task and the model version are then set once, not sent per line. */
  async function writeTable(c: MariaDbConnection, table: string, rows: readonly OutputRow[]) {
    if (!localInfile) return insertIgnore(c, full(table), rows, spec.taskId)
    for (const [model, part] of groupRows(rows, (row) => row.model)) {
      const data = Buffer.from(toTsv(part), 'utf8')
      const [result] = await c.query({
        sql: `LOAD DATA LOCAL INFILE 'batch.tsv' IGNORE INTO TABLE ${full(table)} ${TSV_FORMAT} (${TSV_COLUMNS.join(', ')})
              SET task_id = ?, model_version = ?`,
        values: [spec.taskId, model],
        infileStreamFactory: () => Readable.from(chunked(data)),
      })
      // Rows ignored (a replay, a duplicate key) are rows the counts would hold twice.
      if ((result as { affectedRows: number }).affectedRows !== part.length)
        panelCounts.set(table, null)
    }
  }

  function count(table: string, rows: readonly OutputRow[]) {
    const counted = panelCounts.get(table)
    if (!counted) return
    const all = rows.every((r) => counted.add(r.author, r.label, r.postTime, r.id, r.authorEntry))
    if (!all) panelCounts.set(table, null)
  }

  /**
   * Counts for the panel of a table written by LOAD DATA with integer ids, when it holds no row of
   * the task yet: then every row it will hold passes through this writer. A resumed task's panel
   * is grouped from the rows.
   */
  async function countable(c: MariaDbConnection, table: string): Promise<PanelCounts | null> {
    if (!localInfile || (await hasIntegerIds(c, spec.schema, table)) !== true) return null
    const [rows] = await c.query(`SELECT 1 FROM ${full(table)} WHERE task_id = ? LIMIT 1`, [
      spec.taskId,
    ])
    return (rows as unknown[]).length === 0 ? new PanelCounts() : null
  }

  return {
    name: `${spec.schema}.${spec.tables.join(',')}`,
    async prepare() {
      const c = await open()
      const [flags] = await c.query('SELECT @@local_infile AS li')
      localInfile = Number((flags as { li: number }[])[0]?.li) === 1
      await createOutputTables(c, spec.schema, spec.tables, spec.idType)
      for (const table of spec.tables) panelCounts.set(table, await countable(c, table))
    },
    shareAuthors(authors) {
      for (const counted of panelCounts.values()) counted?.shareAuthors(authors)
    },
    async write(rows) {
      const c = await open()
      const byTable = groupRows(rows, (row) => row.table)
      try {
        await c.beginTransaction()
        for (const [table, part] of byTable) await writeTable(c, table, part)
        await c.commit()
        for (const [table, part] of byTable) count(table, part)
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
      // A second connection halves the panel's sort; a server out of connections builds it on one.
      const second = await openMariaDb(target).catch(() => undefined)
      try {
        const counts: TableCounts[] = []
        for (const table of spec.tables) {
          const integerIds = (await hasIntegerIds(c, spec.schema, table)) === true
          const { schema, taskId } = spec
          const counted = panelCounts.get(table) ?? undefined
          counts.push(
            await buildAuthorPanel([c, second], schema, table, taskId, groups, integerIds, counted),
          )
        }
        return counts
      } finally {
        second?.destroy()
      }
    },
    async sample(labels, perLabel) {
      const request = { taskId: spec.taskId, labels, perLabel }
      return sampleOutput(await open(), spec.schema, spec.tables, request)
    },
    async close() {
      conn?.destroy()
      conn = null
    },
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
    const values = rows.slice(start, start + 2000).map((r) => outputValues(r, taskId))
    await c.query(`INSERT IGNORE INTO ${table} (${columns}) VALUES ?`, [values])
  }
}
