import type { TextField } from '../../api/contract/predicting'
import type { AuthorSet } from './author-set'

/** A keyset position: the last primary-key value read (number or string as the driver gives it). */
export type Key = string | number

/** One batch of source rows, columnar. Missing columns are absent; NULL cells are null. */
export interface SourceBatch {
  size: number
  ids: string[]
  lastKey: Key
  texts: Partial<Record<TextField, (string | null)[]>>
  postTimes: (string | null)[] | null
  /** Per row its author's entry in the run's set of authors read (see seenAuthors), -1 for none. */
  authorEntries?: Int32Array
}

export interface RowEstimate {
  rows: number
  /** false: the server's plan estimate (counting took too long), which may be far off. */
  exact: boolean
}

export interface SourceReader {
  /** `schema.table` or the file: for messages. */
  readonly name: string
  /** Rows the task will read: a count, or the server's plan where counting takes too long. */
  estimate(): Promise<RowEstimate>
  /** The next batch in key order after `after` (null: from the start); null when the source is done. */
  read(after: Key | null, limit: number): Promise<SourceBatch | null>
  /** Stops an in-flight read at once (abort). */
  cancel(): Promise<void>
  /** Drops a broken connection and opens a new one. */
  reconnect(): Promise<void>
  /** The text of `field` for these ids (for samples). */
  textsOf(ids: readonly string[], field: TextField): Promise<Map<string, string>>
  /** Unique non-empty authors per output table. */
  countAuthors(routes: Routes): Promise<Map<string, number>>
  close(): Promise<void>
}

/** Which output table a row goes to: by source id, else the fallback. */
export interface Routes {
  bySourceId: Readonly<Record<string, string>>
  fallback: string
}

/** One output row: one source row × model × label. */
export interface OutputRow {
  table: string
  id: string
  author: string | null
  label: string
  score: number
  model: string
  postTime: string | null
  sourceId: string | null
  matched: string | null
  /** The author's entry in the run's set of authors read, -1 (or absent) when not known. */
  authorEntry?: number
}

export interface SinkWriter {
  readonly name: string
  /** Creates missing output tables; throws VALIDATION when an existing one has another layout. */
  prepare(): Promise<void>
  /** Writes one batch in one transaction: all rows or none. Replays of a batch add nothing. */
  write(rows: readonly OutputRow[]): Promise<void>
  reconnect(): Promise<void>
  /**
   * Offers the set the run collects the authors read into (before the first write): a writer that
   * counts the panel as it writes may then take rows' authorEntry from it instead of looking up
   * each author again.
   */
  shareAuthors?(authors: AuthorSet): void
  /** Builds the author panel and returns per-table counts. */
  finish(exclusiveGroups: readonly (readonly string[])[]): Promise<TableCounts[]>
  /** Random rows per label. */
  sample(labels: readonly string[], perLabel: number): Promise<OutputRow[]>
  close(): Promise<void>
}

export interface TableCounts {
  table: string
  rows: number
  labeledAuthors: number
}
