import { openSqliteFile } from '../db/sqlite-driver'
import type { ParsedRecord } from '../formats/record'

export interface StagedRow {
  seq: number
  line: number
  text: string
  author: string | null
  title: string | null
  source_id: string | null
  post_time: string | null
  meta: string | null
  hash: string
  labels: string
  suggestions: string
}

const BATCH = 2000

/**
 * A private SQLite file that receives parsed rows in small transactions while the file streams in.
 * The workspace database is not touched until everything is parsed; then it is attached and applied
 * in one transaction, so a failure or abort before that leaves no trace.
 */
export function createStaging(file: string, nativeBinding?: string) {
  const db = openSqliteFile(file, nativeBinding ? { nativeBinding } : {})
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.exec(`CREATE TABLE rows (
    seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, text TEXT NOT NULL, author TEXT, title TEXT,
    source_id TEXT, post_time TEXT, meta TEXT, hash TEXT NOT NULL, labels TEXT NOT NULL, suggestions TEXT NOT NULL
  ) STRICT; CREATE INDEX rows_hash ON rows (hash);`)
  const insert = db.prepare(
    `INSERT INTO rows (line, text, author, title, source_id, post_time, meta, hash, labels, suggestions)
     VALUES (@line, @text, @author, @title, @source_id, @post_time, @meta, @hash, @labels, @suggestions)`,
  )
  const hasHash = db.prepare<[string], { seq: number }>(
    'SELECT seq FROM rows WHERE hash = ? LIMIT 1',
  )
  const writeBatch = db.transaction((rows: Omit<StagedRow, 'seq'>[]) => {
    for (const row of rows) insert.run(row)
  })
  let pending: Omit<StagedRow, 'seq'>[] = []
  let pendingHashes = new Set<string>()
  let count = 0

  const flush = () => {
    writeBatch(pending)
    pending = []
    pendingHashes = new Set()
  }

  return {
    file,
    add(record: ParsedRecord, hash: string): void {
      pending.push({
        line: record.line,
        text: record.text,
        author: record.author,
        title: record.title,
        source_id: record.sourceId,
        post_time: record.postTime,
        meta: record.meta === null ? null : JSON.stringify(record.meta),
        hash,
        labels: JSON.stringify(record.labels),
        suggestions: JSON.stringify(record.suggestions),
      })
      pendingHashes.add(hash)
      count++
      if (pending.length >= BATCH) flush()
    },
    has: (hash: string): boolean => pendingHashes.has(hash) || hasHash.get(hash) !== undefined,
    count: () => count,
    /** Flushes and closes; the file stays for the apply step. */
    finish(): void {
      if (pending.length > 0) flush()
      db.close()
    },
    close(): void {
      if (db.open) db.close()
    },
  }
}

export type Staging = ReturnType<typeof createStaging>
