import type { OutputRow } from '../types'

/** Code units an output row's author keeps (source_author is VARCHAR(255)); longer ones are cut. */
export const AUTHOR_MAX = 255

/** The columns of every output table, MariaDB or SQLite, in the order batches are written. */
export const OUTPUT_COLUMNS = [
  'id',
  'task_id',
  'source_author',
  'label',
  'score',
  'model_version',
  'post_time',
  'source_id',
  'matched',
] as const

/** A row's values in OUTPUT_COLUMNS order. */
export const outputValues = (r: OutputRow, taskId: string): (string | number | null)[] => [
  r.id,
  taskId,
  r.author,
  r.label,
  r.score,
  r.model,
  r.postTime,
  r.sourceId,
  r.matched,
]

/** The author panel of an output table, next to it (and `<name>_authors.csv` next to a CSV). */
export const panelTableOf = (table: string) => `${table}_authors`
