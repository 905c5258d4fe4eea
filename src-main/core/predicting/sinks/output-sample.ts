import type { OutputRow } from '../types'

const COLUMNS = 'id, source_author, label, score, model_version, post_time, source_id, matched'
/** Primary-key entries read per window; windows bound the work whatever the table's size. */
const WINDOW = 20_000
const WINDOWS = 8
/** Code units drawn after the common prefix of the smallest and largest text id. */
const DRAWN_UNITS = 6

type Row = Record<string, unknown>

/** One output table as the sampler reads it: MariaDB or SQLite. */
export interface SampledTable {
  /** The table's name, quoted for the dialect. */
  table: string
  rows(sql: string, args: unknown[]): Promise<Row[]>
  /** How ids are ordered: as integers (an integer column) or as text. */
  ids: 'integer' | 'text'
  /** The CAST type that returns an id exactly as text: CHAR in MariaDB, TEXT in SQLite. */
  textType: 'CHAR' | 'TEXT'
}

/**
 * Up to n random written rows of one label. ORDER BY RAND() over a label reads and sorts all of its
 * rows (about a minute at 40M rows on MariaDB; SQLite blocks the main thread ~0.5 s per label at
 * 2M) while the task is writing; instead rows come from windows of the primary key (task_id, id,
 * ...) that start at random ids between the task's smallest and largest, so one sample reads at
 * most WINDOWS x WINDOW index entries. A label too rare to fill the windows is topped up in id order.
 */
export async function sampleLabel(
  t: SampledTable,
  taskId: string,
  label: string,
  n: number,
): Promise<Row[]> {
  const found = new Map<string, Row>()
  const keep = (rows: Row[]) => {
    for (const row of rows) {
      const key = `${String(row.id)}\t${String(row.model_version)}`
      if (found.size < n && !found.has(key)) found.set(key, row)
    }
  }
  // Two subqueries: SQLite reads MIN or MAX from the index only when each stands alone.
  const [bounds] = (await t.rows(
    `SELECT (SELECT CAST(MIN(id) AS ${t.textType}) FROM ${t.table} WHERE task_id = ?) AS lo,
            (SELECT CAST(MAX(id) AS ${t.textType}) FROM ${t.table} WHERE task_id = ?) AS hi`,
    [taskId, taskId],
  )) as { lo: string | null; hi: string | null }[]
  const lo = bounds?.lo
  const hi = bounds?.hi
  if (lo == null || hi == null) return []
  const starts =
    t.ids === 'integer'
      ? randomIntegers(BigInt(lo), BigInt(hi), WINDOWS).map(String)
      : randomTexts(lo, hi, WINDOWS)
  const perWindow = Math.ceil(n / WINDOWS)
  for (const start of starts) {
    keep(
      await t.rows(
        `SELECT * FROM (SELECT ${COLUMNS} FROM ${t.table} WHERE task_id = ? AND id >= ? ORDER BY id LIMIT ?) w
         WHERE label = ? LIMIT ?`,
        [taskId, start, WINDOW, label, perWindow],
      ),
    )
  }
  if (found.size < n) {
    keep(
      await t.rows(
        `SELECT ${COLUMNS} FROM ${t.table} WHERE task_id = ? AND label = ? ORDER BY id LIMIT ?`,
        [taskId, label, 2 * n],
      ),
    )
  }
  return [...found.values()]
}

/** A task's output opened for reading: its tables, how to open one and how to read a row. */
export interface OutputReader {
  tables: readonly string[]
  /** Null for a table that does not exist (dropped since, or never written). */
  tableOf: (table: string) => Promise<SampledTable | null>
  rowOf: (table: string, row: Row) => OutputRow
}

/** Which rows a sample asks for: up to `perLabel` of each label, from the task's rows. */
export interface SampleRequest {
  taskId: string
  labels: readonly string[]
  perLabel: number
}

/**
 * Samples each output table for each label. `sampled` gives null for a table that does not exist
 * (dropped since, or never written): it gives no rows, and nothing is created.
 */
export async function sampleTables(
  tables: readonly string[],
  request: SampleRequest,
  sampled: (table: string) => Promise<SampledTable | null>,
  rowOf: (table: string, row: Row) => OutputRow,
): Promise<OutputRow[]> {
  const found: OutputRow[] = []
  for (const table of tables) {
    const t = await sampled(table)
    if (!t) continue
    for (const label of request.labels) {
      for (const row of await sampleLabel(t, request.taskId, label, request.perLabel))
        found.push(rowOf(table, row))
    }
  }
  return found
}

/** count ids drawn uniformly from [lo, hi], ascending; BigInt so BIGINT ids stay exact. */
function randomIntegers(lo: bigint, hi: bigint, count: number): bigint[] {
  const span = hi - lo + 1n
  const ids: bigint[] = []
  for (let i = 0; i < count; i++) {
    const fraction = BigInt(Math.floor(Math.random() * 2 ** 32))
    ids.push(lo + (span * fraction) / 2n ** 32n)
  }
  return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * count strings spread over the text ids in [lo, hi]: their common prefix, then code units drawn
 * from the range the ids use after it ('0'-'9' for digit ids, so '1'..'999999' spreads evenly).
 */
export function randomTexts(lo: string, hi: string, count: number): string[] {
  let prefix = 0
  while (prefix < lo.length && lo[prefix] === hi[prefix]) prefix++
  let min = 0xffff
  let max = 0
  for (const id of [lo, hi]) {
    for (let i = prefix; i < id.length; i++) {
      min = Math.min(min, id.charCodeAt(i))
      max = Math.max(max, id.charCodeAt(i))
    }
  }
  if (max < min) return [lo]
  const starts: string[] = []
  for (let i = 0; i < count; i++) {
    let start = lo.slice(0, prefix)
    for (let u = 0; u < DRAWN_UNITS; u++)
      start += String.fromCharCode(min + Math.floor(Math.random() * (max - min + 1)))
    starts.push(start)
  }
  return starts.sort()
}
