import { SPLITS, type DocumentFilter, type Split } from '../../api/contract/datasets'
import type { Statement } from 'better-sqlite3'
import type { Sqlite } from '../db/sqlite'
import { NO_DOCUMENT_ID } from './pending-imports'

export interface DocumentRowData {
  id: number
  dataset_id: string
  text: string
  author: string | null
  title: string | null
  source_id: string | null
  post_time: string | null
  meta: string | null
  content_hash: string
  split: Split | null
  labeled_at: number | null
  label_ids: string | null
}

/** A document as an import writes it: id, labels count and time are known up front. */
export interface NewDocument {
  id: number
  datasetId: string
  text: string
  author: string | null
  title: string | null
  sourceId: string | null
  postTime: string | null
  meta: string | null
  contentHash: string
  split: Split | null
  labelCount: number
  labeledAt: number | null
  createdAt: number
}

/** An annotation as an import writes it. */
export interface NewAnnotation {
  documentId: number
  labelId: number
  createdAt: number
}

const COLUMNS = `d.id, d.dataset_id, d.author, d.title, d.source_id, d.post_time, d.meta, d.content_hash,
  d.split, d.labeled_at, (SELECT group_concat(label_id) FROM annotations WHERE document_id = d.id) AS label_ids`

type Arg = string | number
interface Where {
  /** `documents d`, joined to the label filter's annotations when there is one. */
  from: string
  sql: string
  /** Join arguments first, then the WHERE clause's. */
  args: Arg[]
  /**
   * Unlabeled and unsplit documents are in no index (an import would pay for every row): they are
   * counted as all the documents matching the rest of the filter less those in the partial index.
   */
  rest?: { all: Where; indexed: Where }
  /** The filter is the whole dataset, or its labeled documents: the dataset's counters say how many. */
  counter?: 'document_count' | 'labeled_count'
}

/** `some`: any split, the rows of the partial split index (internal: complements count `none`). */
type Filter = Omit<DocumentFilter, 'split'> & { split?: Split | 'none' | 'some' }

/** Documents of a running import into the dataset start at this id; they are not shown yet. */
const beforePending = (t: string) => `${t}.id < ifnull(
  (SELECT first_document_id FROM dataset_imports WHERE dataset_id = ?), ${NO_DOCUMENT_ID})`
/** Documents from this id on are not in the search index yet (it is built after an import). */
const UNINDEXED_FROM = `ifnull((SELECT next_id FROM fts_backlog WHERE dataset_id = ?), ${NO_DOCUMENT_ID})`

/**
 * How to count a filter on unlabeled or unsplit documents from indexes alone. Only for filters
 * read from the documents' indexes: a search or a label reads the matching rows anyway.
 */
function restOf(datasetId: string, filter: Filter, ids?: number[]): Where['rest'] {
  if (filter.query?.trim() || filter.labelId !== undefined || ids) return undefined
  if (filter.status === 'unlabeled') {
    const { status: _all, ...all } = filter
    return {
      all: filterWhere(datasetId, all),
      indexed: filterWhere(datasetId, { ...filter, status: 'labeled' }),
    }
  }
  if (filter.split === 'none') {
    const { split: _all, ...all } = filter
    return {
      all: filterWhere(datasetId, all),
      indexed: filterWhere(datasetId, { ...filter, split: 'some' }),
    }
  }
  return undefined
}

/** Committed documents only are counted, as `beforePending` shows them (pending-imports). */
function counterOf(filter: Filter, ids?: number[]): Where['counter'] {
  if (ids || filter.query?.trim() || filter.labelId !== undefined || filter.split) return undefined
  if (filter.status === 'labeled') return 'labeled_count'
  return filter.status === 'unlabeled' ? undefined : 'document_count'
}

/**
 * The WHERE clause of a document filter; every condition can use an index (partial for labeled and
 * split documents, see `Where.rest`) or the FTS table.
 */
export function filterWhere(datasetId: string, filter: Filter = {}, ids?: number[]): Where {
  const parts = ['d.dataset_id = ?', beforePending('d')]
  const joinArgs: Arg[] = []
  let from = 'documents d'
  const args: Arg[] = [datasetId, datasetId]
  // The partial index's condition, then its key (migration 0013): SQLite picks the index for the
  // first and, with the second, reads it alone for counts and keeps id order within it.
  if (filter.status === 'labeled') parts.push('d.label_count > 0 AND (d.label_count > 0) = 1')
  if (filter.status === 'unlabeled') parts.push('d.label_count = 0')
  if (filter.labelId !== undefined) {
    // A join lets SQLite walk the (label_id, document_id) index in document order.
    from = 'documents d JOIN annotations fl ON fl.document_id = d.id AND fl.label_id = ?'
    joinArgs.push(filter.labelId)
  }
  if (filter.split === 'none') parts.push('d.split IS NULL')
  // Not `IS NOT NULL`: SQLite counts that by reading rows, the IN list from the split index.
  else if (filter.split === 'some')
    parts.push(`d.split IN (${SPLITS.map((x) => `'${x}'`).join(', ')})`)
  else if (filter.split) {
    parts.push('d.split = ?')
    args.push(filter.split)
  }
  const query = filter.query?.trim()
  if (query) {
    // The trigram index needs 3+ characters; shorter queries scan with LIKE (same semantics).
    // Documents not indexed yet (an import's, while the index is built) are scanned too.
    const pattern = `%${query.replace(/[\\%_]/g, (c) => '\\' + c)}%`
    const like = (t: string) => `(${t}.text LIKE ? ESCAPE '\\' OR ${t}.title LIKE ? ESCAPE '\\')`
    if ([...query].length >= 3) {
      parts.push(`d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?
        UNION ALL SELECT u.id FROM documents u WHERE u.dataset_id = ? AND u.id >= ${UNINDEXED_FROM}
          AND ${beforePending('u')} AND ${like('u')})`)
      const fts = `"${query.replaceAll('"', '""')}"`
      args.push(fts, datasetId, datasetId, datasetId, pattern, pattern)
    } else {
      parts.push(like('d'))
      args.push(pattern, pattern)
    }
  }
  if (ids) {
    parts.push('d.id IN (SELECT value FROM json_each(?))')
    args.push(JSON.stringify(ids))
  }
  const rest = restOf(datasetId, filter, ids)
  const counter = counterOf(filter, ids)
  return {
    from,
    sql: parts.join(' AND '),
    args: [...joinArgs, ...args],
    ...(rest ? { rest } : {}),
    ...(counter ? { counter } : {}),
  }
}

type Value = string | number | null
/**
 * Rows a multi-row INSERT takes at once: one statement call per group instead of per row (imports
 * spent most of their time in per-statement overhead otherwise). 128 rows measured ~10% cheaper
 * per row than 32 (`bench:datasets`, writer thread CPU).
 */
const ROWS_PER_STATEMENT = 128

/** Adds rows to a multi-row INSERT; `end` writes those still held, `clear` drops them. */
export interface RowsWriter<T> {
  add(row: T): void
  end(): void
  clear(): void
}

/**
 * `INSERT … VALUES` for many rows, `ROWS_PER_STATEMENT` rows per call, filled in place: `write`
 * copies one row's values into the reused argument array (binding copies them, and an array per
 * row was garbage). The rows left at `end` go in power-of-two groups (at most 7 calls, not up to
 * 127), each group's statement prepared on first use.
 */
function rowsWriter<T>(
  db: Sqlite,
  insert: string,
  columns: number,
  write: (row: T, into: Value[], at: number) => void,
): RowsWriter<T> {
  const values = (rows: number) =>
    Array.from({ length: rows }, () => `(${Array(columns).fill('?').join(', ')})`).join(', ')
  const prepare = (rows: number) => db.prepare<Value[][]>(`${insert} ${values(rows)}`)
  const many = prepare(ROWS_PER_STATEMENT)
  const groups = new Map<number, Statement<Value[][]>>()
  const args: Value[] = new Array<Value>(ROWS_PER_STATEMENT * columns).fill(null)
  let held = 0
  return {
    add(row) {
      write(row, args, held * columns)
      if (++held === ROWS_PER_STATEMENT) {
        held = 0
        many.run(args)
      }
    },
    end() {
      let from = 0
      for (let group = ROWS_PER_STATEMENT >> 1; group > 0; group >>= 1) {
        if ((held & group) === 0) continue
        let statement = groups.get(group)
        if (!statement) groups.set(group, (statement = prepare(group)))
        statement.run(args.slice(from * columns, (from + group) * columns))
        from += group
      }
      held = 0
    },
    clear() {
      held = 0
    },
  }
}

/** SQL for documents, their annotations and suggestions. */
export function createDocumentsRepo(db: Sqlite) {
  const insertDocs = rowsWriter<NewDocument>(
    db,
    `INSERT INTO documents (id, dataset_id, text, author, title, source_id, post_time, meta, content_hash,
                            split, label_count, labeled_at, created_at) VALUES`,
    13,
    (d, into, at) => {
      into[at] = d.id
      into[at + 1] = d.datasetId
      into[at + 2] = d.text
      into[at + 3] = d.author
      into[at + 4] = d.title
      into[at + 5] = d.sourceId
      into[at + 6] = d.postTime
      into[at + 7] = d.meta
      into[at + 8] = d.contentHash
      into[at + 9] = d.split
      into[at + 10] = d.labelCount
      into[at + 11] = d.labeledAt
      into[at + 12] = d.createdAt
    },
  )
  const insertAnnotations = rowsWriter<NewAnnotation>(
    db,
    'INSERT OR IGNORE INTO annotations (document_id, label_id, created_at) VALUES',
    3,
    (a, into, at) => {
      into[at] = a.documentId
      into[at + 1] = a.labelId
      into[at + 2] = a.createdAt
    },
  )
  const insertAnnotation = db.prepare(
    'INSERT OR IGNORE INTO annotations (document_id, label_id, created_at) VALUES (?, ?, ?)',
  )
  const deleteAnnotation = db.prepare(
    'DELETE FROM annotations WHERE document_id = ? AND label_id = ?',
  )
  const upsertSuggestion = db.prepare(
    `INSERT INTO suggestions (document_id, label_id, score) VALUES (?, ?, ?)
     ON CONFLICT (document_id, model_version, label_id) DO UPDATE SET score = excluded.score`,
  )
  const byId = db.prepare<[number], DocumentRowData>(
    `SELECT ${COLUMNS}, d.text FROM documents d WHERE d.id = ? AND NOT EXISTS (
       SELECT 1 FROM dataset_imports i WHERE i.dataset_id = d.dataset_id AND d.id >= i.first_document_id)`,
  )
  const labelIds = db.prepare<[number], { label_id: number }>(
    'SELECT label_id FROM annotations WHERE document_id = ? ORDER BY label_id',
  )
  const suggestions = db.prepare<[number], { label_id: number; score: number | null }>(
    `SELECT label_id, score FROM suggestions WHERE document_id = ? AND model_version = 'imported'
     ORDER BY score DESC`,
  )
  const hashOf = db
    .prepare<[number], string>('SELECT content_hash FROM documents WHERE id = ?')
    .pluck()
  const hashesAfter = db.prepare<
    [string, number, number, number],
    { id: number; content_hash: string }
  >(
    `SELECT id, content_hash FROM documents WHERE dataset_id = ? AND id > ? AND id < ?
     ORDER BY id LIMIT ?`,
  )
  const touchLabeled = db.prepare('UPDATE documents SET labeled_at = ? WHERE id = ?')
  const statements = new Map<string, Statement<unknown[]>>()
  /** Filters produce a handful of distinct SQL strings; prepare each once. */
  const prepared = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = db.prepare<unknown[]>(sql)))
    return statement
  }

  /** Documents matching `where` (with an id below `below` when given), from indexes where it can. */
  const counted = (where: Where, below?: number): number => {
    if (where.rest) return counted(where.rest.all, below) - counted(where.rest.indexed, below)
    if (where.counter && below === undefined) {
      const sql = `SELECT ${where.counter} AS n FROM datasets WHERE id = ?`
      return (prepared(sql).get(where.args[0]) as { n: number } | undefined)?.n ?? 0
    }
    const bound = below === undefined ? '' : ' AND d.id < ?'
    const sql = `SELECT count(*) AS n FROM ${where.from} WHERE ${where.sql}${bound}`
    const args = below === undefined ? where.args : [...where.args, below]
    return (prepared(sql).get(...args) as { n: number }).n
  }

  return {
    /**
     * Inserts documents with the given ids (imports write ids in order; see pending-imports), many
     * rows per statement: `add` may keep a row until more come or `end`. The row object is copied,
     * so a caller may reuse one.
     */
    newDocuments: insertDocs,
    /** Adds annotations the same way (after their documents are written). */
    newAnnotations: insertAnnotations,
    addSuggestion: (documentId: number, labelId: number, score: number | null) =>
      upsertSuggestion.run(documentId, labelId, score),
    get: (id: number): DocumentRowData | undefined => byId.get(id),
    labelIds: (id: number): number[] => labelIds.all(id).map((r) => r.label_id),
    suggestions: (id: number) => suggestions.all(id),
    /** Any document's content hash, also one a running import wrote. */
    contentHashOf: (id: number): string | undefined => hashOf.get(id),
    /** Ids and content hashes of a dataset's documents with `afterId` < id < `beforeId`, in id order. */
    hashesAfter: (datasetId: string, afterId: number, beforeId: number, limit: number) =>
      hashesAfter.all(datasetId, afterId, beforeId, limit),

    /** Replaces a document's labels; returns true when anything changed. */
    setLabels(documentId: number, next: readonly number[], at: number): boolean {
      const current = new Set(labelIds.all(documentId).map((r) => r.label_id))
      const wanted = new Set(next)
      const removed = [...current].filter((id) => !wanted.has(id))
      const added = [...wanted].filter((id) => !current.has(id))
      for (const id of removed) deleteAnnotation.run(documentId, id)
      for (const id of added) insertAnnotation.run(documentId, id, at)
      const changed = removed.length > 0 || added.length > 0
      if (changed) touchLabeled.run(wanted.size > 0 ? at : null, documentId)
      return changed
    },

    page(where: Where, offset: number, limit: number): (DocumentRowData & { preview: string })[] {
      const sql = `SELECT ${COLUMNS}, substr(d.text, 1, 300) AS preview FROM ${where.from}
                   WHERE ${where.sql} ORDER BY d.id LIMIT ? OFFSET ?`
      return prepared(sql).all(...where.args, limit, offset) as (DocumentRowData & {
        preview: string
      })[]
    },

    /** Every matching document's id and labels (comma-separated, unsorted), in id order. */
    labelsOfMatching(where: Where): { id: number; label_ids: string | null }[] {
      const sql = `SELECT d.id, (SELECT group_concat(label_id) FROM annotations WHERE document_id = d.id)
                   AS label_ids FROM ${where.from} WHERE ${where.sql} ORDER BY d.id`
      return prepared(sql).all(...where.args) as { id: number; label_ids: string | null }[]
    },

    count: (where: Where): number => counted(where),

    /** The id after (or before) `fromId` in dataset order; null at the end. */
    neighbor(where: Where, fromId: number | null, direction: 'next' | 'previous'): number | null {
      const next = direction === 'next'
      const bound = fromId === null ? '' : next ? ' AND d.id > ?' : ' AND d.id < ?'
      const sql = `SELECT d.id FROM ${where.from} WHERE ${where.sql}${bound}
                   ORDER BY d.id ${next ? 'ASC' : 'DESC'} LIMIT 1`
      const args = fromId === null ? where.args : [...where.args, fromId]
      const row = prepared(sql).get(...args) as { id: number } | undefined
      return row?.id ?? null
    },

    /** 0-based position of a document among those matching the filter. */
    position: (where: Where, id: number): number => counted(where, id),

    /** Documents for export, in id order, in chunks after `afterId`. */
    chunk(where: Where, afterId: number, limit: number): DocumentRowData[] {
      const sql = `SELECT ${COLUMNS}, d.text FROM ${where.from} WHERE ${where.sql} AND d.id > ?
                   ORDER BY d.id LIMIT ?`
      return prepared(sql).all(...where.args, afterId, limit) as DocumentRowData[]
    },

    /** For a search (its rows are read anyway); without one the dataset's counters answer. */
    countsByStatus(where: Where): { labeled: number; unlabeled: number } {
      const sql = `SELECT count(*) AS n, total(d.label_count > 0) AS labeled FROM ${where.from}
                   WHERE ${where.sql}`
      const { n, labeled } = prepared(sql).get(...where.args) as { n: number; labeled: number }
      return { labeled, unlabeled: n - labeled }
    },

    countsByLabel(where: Where): Map<number, number> {
      const sql = `SELECT a.label_id AS label_id, count(*) AS n FROM ${where.from}
                   JOIN annotations a ON a.document_id = d.id WHERE ${where.sql} GROUP BY a.label_id`
      const rows = prepared(sql).all(...where.args) as { label_id: number; n: number }[]
      return new Map(rows.map((r) => [r.label_id, r.n]))
    },

    /**
     * Documents per split (null: none) among those matching `where`, of which there are `total`
     * (counted when not given): the split ones from the partial index, the rest by difference.
     */
    countsBySplit(where: Where, total = counted(where)): Map<Split | null, number> {
      const sql = `SELECT d.split AS split, count(*) AS n FROM ${where.from}
                   WHERE ${where.sql} AND d.split IS NOT NULL GROUP BY d.split`
      const rows = prepared(sql).all(...where.args) as { split: Split; n: number }[]
      const split = rows.reduce((sum, r) => sum + r.n, 0)
      return new Map<Split | null, number>([
        ...rows.map((r) => [r.split, r.n] as const),
        [null, total - split],
      ])
    },
  }
}

export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>
