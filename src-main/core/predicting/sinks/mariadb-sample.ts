import type { MariaDbConnection } from '../../db/mariadb'

const COLUMNS = 'id, source_author, label, score, model_version, post_time, source_id, matched'
/** Primary-key entries read per window; windows bound the work whatever the table's size. */
const WINDOW = 20_000
const WINDOWS = 8

type Row = Record<string, unknown>

/**
 * Up to n random written rows of one label. ORDER BY RAND() over a label reads and sorts all of its
 * rows (about a minute at 40M rows) while the task is writing; instead rows come from windows of
 * the primary key (task_id, id, ...) that start at random ids between the task's smallest and
 * largest, so one sample reads at most WINDOWS x WINDOW index entries. A label too rare to fill
 * the windows is topped up in id order. Non-integer ids cannot be drawn at random: those tables
 * sample at random among the label's first WINDOWS x WINDOW rows.
 */
export async function sampleLabel(
  c: MariaDbConnection,
  table: string,
  taskId: string,
  label: string,
  n: number,
  integerIds: boolean,
): Promise<Row[]> {
  if (!integerIds) {
    const [rows] = await c.query(
      `SELECT * FROM (SELECT ${COLUMNS} FROM ${table} WHERE task_id = ? AND label = ? LIMIT ?) w
       ORDER BY RAND() LIMIT ?`,
      [taskId, label, WINDOW * WINDOWS, n],
    )
    return rows as Row[]
  }
  const found = new Map<string, Row>()
  const keep = (rows: unknown) => {
    for (const row of rows as Row[]) {
      const key = `${String(row.id)}\t${String(row.model_version)}`
      if (found.size < n && !found.has(key)) found.set(key, row)
    }
  }
  const [bounds] = await c.query(
    `SELECT CAST(MIN(id) AS CHAR) AS lo, CAST(MAX(id) AS CHAR) AS hi FROM ${table} WHERE task_id = ?`,
    [taskId],
  )
  const { lo, hi } = (bounds as { lo: string | null; hi: string | null }[])[0] ?? {}
  if (lo == null || hi == null) return []
  const perWindow = Math.ceil(n / WINDOWS)
  for (const start of randomIds(BigInt(lo), BigInt(hi), WINDOWS)) {
    const [rows] = await c.query(
      `SELECT * FROM (SELECT ${COLUMNS} FROM ${table} WHERE task_id = ? AND id >= ? ORDER BY id LIMIT ?) w
       WHERE label = ? LIMIT ?`,
      [taskId, start.toString(), WINDOW, label, perWindow],
    )
    keep(rows)
  }
  if (found.size < n) {
    const [rows] = await c.query(
      `SELECT ${COLUMNS} FROM ${table} WHERE task_id = ? AND label = ? ORDER BY id LIMIT ?`,
      [taskId, label, 2 * n],
    )
    keep(rows)
  }
  return [...found.values()]
}

/** count ids drawn uniformly from [lo, hi], ascending; BigInt so BIGINT ids stay exact. */
function randomIds(lo: bigint, hi: bigint, count: number): bigint[] {
  const span = hi - lo + 1n
  const ids: bigint[] = []
  for (let i = 0; i < count; i++) {
    const fraction = BigInt(Math.floor(Math.random() * 2 ** 32))
    ids.push(lo + (span * fraction) / 2n ** 32n)
  }
  return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
