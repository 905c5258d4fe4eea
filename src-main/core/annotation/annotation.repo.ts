import type { Sqlite } from '../db/sqlite'

/** A pause between two changes longer than this counts as this long (the labeller was away). */
export const IDLE_GAP_MS = 120_000

export interface JournalRow {
  id: number
  document_id: number
  before: string
  after: string
  /** Shared by the entries of one bulk action (the first entry's id); null for a single change. */
  batch: number | null
}

/**
 * SQL for the annotation journal: one row per label change, undone rows form the redo stack; a bulk
 * action's rows share a batch and count as one step.
 */
export function createJournalRepo(db: Sqlite) {
  const insert = db.prepare(
    `INSERT INTO annotation_journal (dataset_id, session_id, document_id, before, after, created_at, batch)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const setBatch = db.prepare('UPDATE annotation_journal SET batch = ? WHERE id = ?')
  const ofBatch = db.prepare<[number, number], JournalRow>(
    `SELECT id, document_id, before, after, batch FROM annotation_journal
     WHERE batch = ? AND undone = ? ORDER BY id`,
  )
  const dropRedo = db.prepare(
    'DELETE FROM annotation_journal WHERE dataset_id = ? AND session_id = ? AND undone = 1',
  )
  const lastDone = db.prepare<[string, string], JournalRow>(
    `SELECT id, document_id, before, after, batch FROM annotation_journal
     WHERE dataset_id = ? AND session_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1`,
  )
  const firstUndone = db.prepare<[string, string], JournalRow>(
    `SELECT id, document_id, before, after, batch FROM annotation_journal
     WHERE dataset_id = ? AND session_id = ? AND undone = 1 ORDER BY id ASC LIMIT 1`,
  )
  const mark = db.prepare('UPDATE annotation_journal SET undone = ? WHERE id = ?')
  const depth = db.prepare<[string, string], { undone: number; n: number }>(
    `SELECT undone, count(DISTINCT coalesce(batch, -id)) AS n FROM annotation_journal WHERE dataset_id = ? AND session_id = ? GROUP BY undone`,
  )
  // Active time: the gaps between a session's changes, each counted up to IDLE_GAP_MS, so a
  // coffee break does not lower the pace.
  const session = db.prepare<
    { datasetId: string; sessionId: string; idle: number },
    { docs: number; changes: number; activeMs: number }
  >(
    `SELECT count(DISTINCT document_id) AS docs, count(*) AS changes,
       (SELECT coalesce(sum(min(gap, @idle)), 0) FROM (
          SELECT created_at - lag(created_at) OVER (ORDER BY id) AS gap FROM annotation_journal
          WHERE dataset_id = @datasetId AND session_id = @sessionId AND undone = 0)
        WHERE gap IS NOT NULL) AS activeMs
     FROM annotation_journal WHERE dataset_id = @datasetId AND session_id = @sessionId AND undone = 0`,
  )

  return {
    /** Records a change and forgets what could be redone (a new change ends the redo branch). */
    record(
      datasetId: string,
      sessionId: string,
      documentId: number,
      before: number[],
      after: number[],
      at: number,
    ): void {
      dropRedo.run(datasetId, sessionId)
      insert.run(
        datasetId,
        sessionId,
        documentId,
        JSON.stringify(before),
        JSON.stringify(after),
        at,
        null,
      )
    },
    /** Records one bulk action's changes as one batch (undone and redone together). */
    recordBatch(
      datasetId: string,
      sessionId: string,
      changes: readonly { documentId: number; before: number[]; after: number[] }[],
      at: number,
    ): void {
      if (changes.length === 0) return
      dropRedo.run(datasetId, sessionId)
      let batch: number | null = null
      for (const c of changes) {
        const args = [datasetId, sessionId, c.documentId, JSON.stringify(c.before)] as const
        const { lastInsertRowid } = insert.run(...args, JSON.stringify(c.after), at, batch)
        if (batch === null) {
          batch = Number(lastInsertRowid)
          setBatch.run(batch, batch)
        }
      }
    },
    /** The entries of a batch that are done (undone = false) or undone, in recording order. */
    batch: (batch: number, undone: boolean) => ofBatch.all(batch, undone ? 1 : 0),
    lastDone: (datasetId: string, sessionId: string) => lastDone.get(datasetId, sessionId),
    firstUndone: (datasetId: string, sessionId: string) => firstUndone.get(datasetId, sessionId),
    markUndone: (id: number, undone: boolean) => mark.run(undone ? 1 : 0, id),
    depth(datasetId: string, sessionId: string): { undoable: number; redoable: number } {
      const rows = depth.all(datasetId, sessionId)
      return {
        undoable: rows.find((r) => r.undone === 0)?.n ?? 0,
        redoable: rows.find((r) => r.undone === 1)?.n ?? 0,
      }
    },
    session: (datasetId: string, sessionId: string) =>
      session.get({ datasetId, sessionId, idle: IDLE_GAP_MS }),
  }
}
