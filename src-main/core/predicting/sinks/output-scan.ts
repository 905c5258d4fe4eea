import type { OutputRow } from '../types'
import type { OutputReader, SampledTable } from './output-sample'

const COLUMNS = 'id, source_author, label, score, model_version, post_time, source_id, matched'
/** Primary-key entries read per query: bounds the memory and the time of each read. */
export const SCAN_PAGE = 5000

/** Which written rows a scan keeps: one label's, and/or those scored below a value. */
export interface ScanFilter {
  label?: string | undefined
  below?: number | undefined
}

type Row = Record<string, unknown>

/** How a scan is paged, stopped and followed. */
export interface ScanOptions {
  /** Primary-key entries per query (default SCAN_PAGE). */
  page?: number | undefined
  /** Checked between pages: an abort stops the scan before its next query. */
  signal?: AbortSignal | undefined
  /** Called with the rows read so far (kept or not) as each page is read: the scan's progress. */
  onRead?: ((rows: number) => void) | undefined
}

const keeps = (filter: ScanFilter) => (row: Row) =>
  (filter.label === undefined || String(row.label) === filter.label) &&
  (filter.below === undefined || Number(row.score) < filter.below)

/**
 * Every written row of a task that the filter keeps, a page at a time in primary-key order
 * (task_id, id, ...): one query reads at most `page` index entries, whatever the output's size, and
 * a page never splits the rows of one source row (several models or labels), so a page can be
 * turned into documents on its own. `onPage` gets only pages holding kept rows.
 */
export async function scanOutput(
  output: OutputReader,
  taskId: string,
  filter: ScanFilter,
  onPage: (rows: OutputRow[]) => Promise<void>,
  { page = SCAN_PAGE, signal, onRead }: ScanOptions = {},
): Promise<void> {
  const keep = keeps(filter)
  let read = 0
  for (const name of output.tables) {
    const t = await output.tableOf(name)
    if (!t) continue
    let after: unknown = null
    for (;;) {
      signal?.throwIfAborted()
      const rows = await t.rows(
        `SELECT ${COLUMNS} FROM ${t.table} WHERE task_id = ?${after === null ? '' : ' AND id > ?'}
         ORDER BY id LIMIT ?`,
        after === null ? [taskId, page] : [taskId, after, page],
      )
      const full = rows.length === page
      const last = rows.at(-1)?.id
      // A full page may end inside one source row's rows: that row is read whole on its own.
      const whole = full
        ? [...rows.filter((r) => r.id !== last), ...(await rowsOf(t, taskId, last))]
        : rows
      const kept = whole.filter(keep)
      read += whole.length
      onRead?.(read)
      if (kept.length > 0) await onPage(kept.map((r) => output.rowOf(name, r)))
      if (!full) break
      after = last
    }
  }
}

const rowsOf = (t: SampledTable, taskId: string, id: unknown) =>
  t.rows(`SELECT ${COLUMNS} FROM ${t.table} WHERE task_id = ? AND id = ?`, [taskId, id])

/** How many written rows of a task the filter keeps (a count over the task's rows). */
export async function countOutput(
  output: OutputReader,
  taskId: string,
  filter: ScanFilter,
): Promise<number> {
  let total = 0
  for (const name of output.tables) {
    const t = await output.tableOf(name)
    if (!t) continue
    const where = [
      'task_id = ?',
      ...(filter.label !== undefined ? ['label = ?'] : []),
      ...(filter.below !== undefined ? ['score < ?'] : []),
    ]
    const args = [
      taskId,
      ...(filter.label !== undefined ? [filter.label] : []),
      ...(filter.below !== undefined ? [filter.below] : []),
    ]
    const [row] = await t.rows(
      `SELECT COUNT(*) AS n FROM ${t.table} WHERE ${where.join(' AND ')}`,
      args,
    )
    total += Number(row?.n ?? 0)
  }
  return total
}
