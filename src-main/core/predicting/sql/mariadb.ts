import { Readable } from 'node:stream'
import { ApiError } from '../../../api/errors'
import type { MariaDbConnection } from '../../db/mariadb'
import { sampleTables, type SampledTable, type SampleRequest } from '../sinks/output-sample'
import type { CountedPanel, PanelCounts } from '../sinks/panel-counts'
import { TSV_FORMAT } from '../sinks/tsv'
import type { SourceFilters } from '../sources/source-filters'
import { filterValues } from '../sources/source-filters'
import type { OutputRow, TableCounts } from '../types'
import { OUTPUT_COLUMNS, panelTableOf } from './output-tables'

/**
 * The MariaDB dialect of predicting: quoting, filters, output and panel tables, row mapping and
 * sampling. Connections (open, timeouts, kill) stay in core/db/mariadb.ts.
 */

/** Quotes a name already checked against information_schema; backticks are doubled all the same. */
export function quoteIdent(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`'
}

export const qualified = (schema: string, table: string) =>
  `${quoteIdent(schema)}.${quoteIdent(table)}`

/** Whether a column type from information_schema (e.g. "bigint(20) unsigned") is an integer type. */
export const isIntegerType = (type: string) => /^(tiny|small|medium|big)?int\b/i.test(type)

/** The output id column of a source without integer ids (SQLite, files, text keys). */
export const TEXT_ID_TYPE = 'VARCHAR(255)'

/** The output id column for a source id column of this type: integer ids keep their numeric order. */
export function outputIdType(sourceIdType: string): string {
  if (!isIntegerType(sourceIdType)) return TEXT_ID_TYPE
  return /unsigned/i.test(sourceIdType) ? 'BIGINT UNSIGNED' : 'BIGINT'
}

/** A cell as text (dates arrive as strings: the connection uses dateStrings); null stays null. */
export function mariaDbText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (Buffer.isBuffer(value)) return value.toString('utf8')
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString()
  return JSON.stringify(value)
}

/** The WHERE clause of the time range and source-id filter: names quoted, values as parameters. */
export function mariaDbFilters(spec: SourceFilters) {
  const { from, to, sourceIds } = filterValues(spec)
  const conditions: string[] = []
  const args: unknown[] = []
  const time = spec.columns.postTime ? quoteIdent(spec.columns.postTime) : null
  if (time && from) {
    conditions.push(`${time} >= ?`)
    args.push(from)
  }
  if (time && to) {
    conditions.push(`${time} < ?`)
    args.push(to)
  }
  if (spec.columns.sourceId && sourceIds) {
    conditions.push(`${quoteIdent(spec.columns.sourceId)} IN (?)`)
    args.push(sourceIds)
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

/** Creates missing output tables; throws VALIDATION when an existing one has another layout. */
export async function createOutputTables(
  c: MariaDbConnection,
  schema: string,
  tables: readonly string[],
  idType: string,
): Promise<void> {
  for (const table of tables) {
    await c.query(outputTableSql(qualified(schema, table), idType))
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
}

/**
 * Whether the output table's id column is an integer (null: no such table). Read from the table,
 * not from the source's id type: an existing output table may have been created by a task over
 * another source.
 */
export async function hasIntegerIds(
  c: MariaDbConnection,
  schema: string,
  table: string,
): Promise<boolean | null> {
  const [rows] = await c.query(
    `SELECT COLUMN_TYPE AS type FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = 'id'`,
    [schema, table],
  )
  const type = (rows as { type: string }[])[0]?.type
  return type === undefined ? null : isIntegerType(String(type))
}

/** One row of an output table as read back. */
export function outputRowOf(table: string, r: Record<string, unknown>): OutputRow {
  return {
    table,
    id: String(r.id),
    author: mariaDbText(r.source_author),
    label: String(r.label),
    score: Number(r.score),
    model: String(r.model_version),
    postTime: mariaDbText(r.post_time),
    sourceId: mariaDbText(r.source_id),
    matched: mariaDbText(r.matched),
  }
}

/** An output table as the sampler and the scan read it; null when the table is gone. */
export const mariaDbOutputTable =
  (c: MariaDbConnection, schema: string) =>
  async (table: string): Promise<SampledTable | null> => {
    const integerIds = await hasIntegerIds(c, schema, table)
    if (integerIds === null) return null
    return {
      table: qualified(schema, table),
      rows: async (sql, args) => (await c.query(sql, args))[0] as Record<string, unknown>[],
      ids: integerIds ? 'integer' : 'text',
      textType: 'CHAR',
    }
  }

/** Random written rows per label (see sampleLabel); a table that is gone gives none. */
export function sampleOutput(
  c: MariaDbConnection,
  schema: string,
  tables: readonly string[],
  request: SampleRequest,
): Promise<OutputRow[]> {
  return sampleTables(tables, request, mariaDbOutputTable(c, schema), outputRowOf)
}

const panelSql = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
  task_id          CHAR(32) CHARACTER SET ascii NOT NULL,
  source_author    VARCHAR(255) NOT NULL,
  label            VARCHAR(64) NOT NULL,
  posts            INT NOT NULL,
  latest_id        VARCHAR(255) NOT NULL,
  latest_post_time DATETIME NULL,
  PRIMARY KEY (task_id, source_author, label)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`

/**
 * The author panel of one output table: per (author, label) one row, the latest post, with the
 * author's post count; inside an exclusive group the label with most posts wins and a tie drops both.
 * Rebuilt from scratch each time, so a resumed task gets the same panel. With `counted` (the
 * groups counted while the table was written, see PanelCounts) its rows are loaded as they are;
 * otherwise the written rows are grouped. With two connections that GROUP BY runs as two halves
 * at once, split at one author (see panelSplit), and so do the two counts after it: sorting is most
 * of the work and the server's second core otherwise idles (2M rows: 7.2 s → 3.7 s).
 */
export async function buildAuthorPanel(
  connections: readonly [MariaDbConnection, MariaDbConnection?],
  schema: string,
  table: string,
  taskId: string,
  groups: readonly (readonly string[])[],
  integerIds: boolean,
  counted?: PanelCounts,
): Promise<TableCounts> {
  const [c, second] = connections
  const results = qualified(schema, table)
  const panel = qualified(schema, panelTableOf(table))
  await c.query(panelSql(panel))
  await c.query(`DELETE FROM ${panel} WHERE task_id = ?`, [taskId])
  const loaded =
    counted && integerIds ? await loadCounted(c, panel, taskId, counted.panel(groups)) : null
  if (loaded) return { table, rows: counted!.rows, labeledAuthors: loaded.authors }
  await groupPanel(connections, results, panel, taskId, integerIds)
  for (const group of groups) await resolveExclusive(c, panel, taskId, group)
  const [rows, labeledAuthors] = await allSettledOrThrow([
    countOf(c, `SELECT COUNT(*) AS n FROM ${results} WHERE task_id = ?`, taskId),
    countOf(second ?? c, labeledAuthorsSql(panel), taskId),
  ])
  return { table, rows: rows!, labeledAuthors: labeledAuthors! }
}

const labeledAuthorsSql = (panel: string) =>
  `SELECT COUNT(DISTINCT source_author) AS n FROM ${panel} WHERE task_id = ?`

/**
 * Loads a counted panel as it is, with its count of authors. Where the panel's collation takes
 * two of the authors for one ('Ann', 'ann'), its key refuses the second: then the counts cannot
 * stand for the panel, the rows loaded are removed and null is returned (the rows are grouped).
 */
async function loadCounted(
  c: MariaDbConnection,
  panel: string,
  taskId: string,
  counted: CountedPanel,
): Promise<{ authors: number } | null> {
  const [loaded] = await c.query({
    sql: `LOAD DATA LOCAL INFILE 'panel.tsv' IGNORE INTO TABLE ${panel} ${TSV_FORMAT}
          (source_author, label, posts, latest_id, latest_post_time) SET task_id = ?`,
    values: [taskId],
    infileStreamFactory: () => Readable.from(counted.tsv()),
  })
  if ((loaded as { affectedRows: number }).affectedRows !== counted.rows) {
    await c.query(`DELETE FROM ${panel} WHERE task_id = ?`, [taskId])
    return null
  }
  // Authors the collation takes for '' (spaces, ignorable characters) get no row when grouped either.
  const [blank] = await c.query(`DELETE FROM ${panel} WHERE task_id = ? AND source_author = ''`, [
    taskId,
  ])
  if ((blank as { affectedRows: number }).affectedRows === 0) return { authors: counted.authors }
  return { authors: await countOf(c, labeledAuthorsSql(panel), taskId) }
}

/** The GROUP BY of the written rows into the panel, in two halves with a second connection. */
async function groupPanel(
  connections: readonly [MariaDbConnection, MariaDbConnection?],
  results: string,
  panel: string,
  taskId: string,
  integerIds: boolean,
): Promise<void> {
  const [c, second] = connections
  const split = second ? await panelSplit(c, results, taskId) : null
  const halves: [MariaDbConnection, string, unknown[]][] =
    split === null
      ? [[c, '', []]]
      : [
          [c, 'AND source_author < ?', [split]],
          [second!, 'AND source_author >= ?', [split]],
        ]
  await allSettledOrThrow(
    halves.map(async ([conn, condition, args]) => {
      // Sort keys of VARCHAR(255) utf8mb4 exceed the default 1024 bytes, which makes MariaDB sort
      // row references and then read every row again in sort order: 43 s instead of 9 s for 2M rows.
      await conn.query('SET SESSION max_length_for_sort_data = 8192')
      await conn.query(
        `INSERT INTO ${panel} (task_id, source_author, label, posts, latest_id, latest_post_time)
         SELECT ?, source_author, label, posts, ${latestId(integerIds)}, ${latestTime(integerIds)} FROM (
           SELECT SQL_BIG_RESULT source_author, label, COUNT(*) AS posts, MAX(${latestKey(integerIds)}) AS latest
           FROM ${results} WHERE task_id = ? AND source_author IS NOT NULL AND source_author <> '' ${condition}
           GROUP BY source_author, label) grouped`,
        [taskId, taskId, ...args],
      )
    }),
  )
}

async function countOf(c: MariaDbConnection, sql: string, taskId: string): Promise<number> {
  const [rows] = await c.query(sql, [taskId])
  return Number((rows as { n: number }[])[0]?.n ?? 0)
}

/** Waits for every statement (each on its own connection) before reporting the first failure. */
async function allSettledOrThrow<T>(work: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(work)
  return settled.map((one) => {
    if (one.status === 'rejected') throw one.reason
    return one.value
  })
}

/**
 * The author the panel's two halves are split at: the median, in the column's own collation, of
 * the authors of the task's first 1,001 rows (null when it has none). Authors equal in that
 * collation ('Ann', 'ann') compare alike with it, so each (author, label) group falls wholly in one
 * half; a sample that misjudges the median only makes the halves uneven.
 */
async function panelSplit(
  c: MariaDbConnection,
  results: string,
  taskId: string,
): Promise<string | null> {
  const [rows] = await c.query(
    `SELECT source_author AS a FROM (
       SELECT source_author FROM ${results}
       WHERE task_id = ? AND source_author IS NOT NULL AND source_author <> '' LIMIT 1001
     ) sampled ORDER BY source_author LIMIT 1 OFFSET 500`,
    [taskId],
  )
  const found = (rows as { a: unknown }[])[0]
  return found ? mariaDbText(found.a) : null
}

/**
 * The latest post of a group is the one ordered last by (post_time, id) with NULL times first, as
 * ORDER BY post_time DESC, id DESC picks it. A window function (ROW_NUMBER) gives the same row but
 * took 45 s on 2M rows against 10 s for a GROUP BY over one comparable key. Integer ids: a
 * number, (TO_SECONDS of the time + 1, or 0 for NULL) * 10^20 + the id shifted by 2^63 (below
 * 2^64 + 2^63 signed or not, so under 10^20): no string built per row, where formatting a text key
 * took a quarter of the GROUP BY's time. Text ids: '0' + id for a NULL time, else '1' + the
 * 19-character time + id, compared as text. Both keys compare whole seconds.
 */
const SHIFT = '9223372036854775808'
const ID_SPAN = '100000000000000000000'
const latestKey = (integerIds: boolean) =>
  integerIds
    ? `IFNULL(TO_SECONDS(post_time) + 1, 0) * ${ID_SPAN} + CAST(id AS DECIMAL(20, 0)) + ${SHIFT}`
    : `CONCAT(IF(post_time IS NULL, '0', CONCAT('1', DATE_FORMAT(post_time, '%Y-%m-%d %H:%i:%s'))), id)`
/** The latest time back from an integer-id key: TO_SECONDS inverted. */
const SECONDS = `(latest DIV ${ID_SPAN} - 1)`
const LATEST_TIME = `FROM_DAYS(${SECONDS} DIV 86400) + INTERVAL ${SECONDS} MOD 86400 SECOND`
const latestId = (integerIds: boolean) =>
  integerIds
    ? `CAST(MOD(latest, ${ID_SPAN}) - ${SHIFT} AS CHAR)`
    : `SUBSTRING(latest, IF(LEFT(latest, 1) = '0', 2, 21))`
const latestTime = (integerIds: boolean) =>
  integerIds
    ? `IF(latest < ${ID_SPAN}, NULL, ${LATEST_TIME})`
    : `IF(LEFT(latest, 1) = '0', NULL, SUBSTRING(latest, 2, 19))`

async function resolveExclusive(
  c: MariaDbConnection,
  panel: string,
  taskId: string,
  labels: readonly string[],
) {
  await c.query(
    `DELETE p FROM ${panel} p
     JOIN (
       SELECT best.source_author, best.top, COUNT(*) AS at_top FROM (
         SELECT source_author, MAX(posts) AS top FROM ${panel}
         WHERE task_id = ? AND label IN (?) GROUP BY source_author
       ) best
       JOIN ${panel} q ON q.task_id = ? AND q.source_author = best.source_author AND q.label IN (?) AND q.posts = best.top
       GROUP BY best.source_author, best.top
     ) m ON m.source_author = p.source_author
     WHERE p.task_id = ? AND p.label IN (?) AND (p.posts < m.top OR m.at_top > 1)`,
    [taskId, labels, taskId, labels, taskId, labels],
  )
}
