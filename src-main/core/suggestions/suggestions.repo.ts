import type { QueueName } from '../../api/contract/suggestions'
import type { Sqlite } from '../db/sqlite'
import { filterWhere } from '../datasets/documents.repo'

export interface QueueRow {
  id: number
  score: number | null
  reason: string | null
}

/** What a queue selects and sorts by; the one `?` (in join) takes the model version. */
interface QueueSql {
  status?: 'labeled' | 'unlabeled'
  join: string
  /** Extra condition on d (the document) and q (its queue scores). */
  condition: string
  score: string
}

const suggestedNotGold = `SELECT max(s.score) FROM suggestions s WHERE s.document_id = d.id
  AND s.model_version = q.model_version AND NOT EXISTS (
    SELECT 1 FROM annotations a WHERE a.document_id = d.id AND a.label_id = s.label_id)`
const goldNotSuggested = `SELECT 1 FROM annotations a WHERE a.document_id = d.id AND NOT EXISTS (
  SELECT 1 FROM suggestions s WHERE s.document_id = d.id AND s.model_version = q.model_version
    AND s.label_id = a.label_id)`
const scored = 'JOIN queue_scores q ON q.document_id = d.id AND q.model_version = ?'

const QUEUE_SQL: Record<Exclude<QueueName, 'file' | 'random'>, QueueSql> = {
  uncertain: {
    status: 'unlabeled',
    join: scored,
    condition: '1',
    score: 'q.uncertainty',
  },
  // Flagged rows only (score >= 2, see mislabelledScores); relabelled since: reviewed, gone.
  mislabelled: {
    status: 'labeled',
    join: scored,
    condition: 'q.mislabel >= 2 AND ifnull(d.labeled_at, 0) <= q.computed_at',
    score: 'q.mislabel',
  },
  disagrees: {
    status: 'labeled',
    join: scored,
    condition: `((${suggestedNotGold}) IS NOT NULL OR EXISTS (${goldNotSuggested}))`,
    score: `1 + ifnull((${suggestedNotGold}), 0)`,
  },
}

/** SQL for model suggestions and the queues that read them. */
export function createSuggestionsRepo(db: Sqlite) {
  const insertSuggestion = db.prepare(
    `INSERT OR REPLACE INTO suggestions (document_id, label_id, model_version, score)
     VALUES (?, ?, ?, ?)`,
  )
  const insertScore = db.prepare(
    `INSERT OR REPLACE INTO queue_scores
       (model_version, document_id, uncertainty, mislabel, mislabel_reason, computed_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const forDocument = db.prepare<[number, string], { label_id: number; score: number | null }>(
    `SELECT label_id, score FROM suggestions WHERE document_id = ? AND model_version = ?
     ORDER BY score DESC, label_id`,
  )
  const scoresOf = db.prepare<
    [number, string],
    { mislabel: number | null; mislabel_reason: string | null; computed_at: number }
  >(
    `SELECT mislabel, mislabel_reason, computed_at FROM queue_scores
     WHERE document_id = ? AND model_version = ?`,
  )
  const sources = db.prepare<
    [string, string],
    { model_version: string; documents: number; computed_at: number | null }
  >(
    `SELECT s.model_version, count(DISTINCT s.document_id) AS documents,
       (SELECT max(q.computed_at) FROM queue_scores q JOIN documents qd ON qd.id = q.document_id
        WHERE q.model_version = s.model_version AND qd.dataset_id = ?) AS computed_at
     FROM suggestions s JOIN documents d ON d.id = s.document_id
     WHERE d.dataset_id = ? GROUP BY s.model_version`,
  )

  return {
    /** Forgets a version's suggestions and queue scores in one dataset (before writing new ones). */
    clear(datasetId: string, version: string): void {
      for (const table of ['suggestions', 'queue_scores']) {
        db.prepare(
          `DELETE FROM ${table} WHERE model_version = ?
           AND document_id IN (SELECT id FROM documents WHERE dataset_id = ?)`,
        ).run(version, datasetId)
      }
    },
    addSuggestion: (documentId: number, labelId: number, version: string, score: number) =>
      insertSuggestion.run(documentId, labelId, version, score),
    addScores: (
      version: string,
      documentId: number,
      scores: { uncertainty: number; mislabel: number | null; reason: string | null },
      at: number,
    ) =>
      insertScore.run(version, documentId, scores.uncertainty, scores.mislabel, scores.reason, at),
    forDocument: (documentId: number, version: string) => forDocument.all(documentId, version),
    scoresOf: (documentId: number, version: string) => scoresOf.get(documentId, version),
    sources: (datasetId: string) => sources.all(datasetId, datasetId),

    /** One page of a queue and its length. */
    queue(
      datasetId: string,
      queue: QueueName,
      version: string,
      seed: number,
      offset: number,
      limit: number,
    ): { rows: QueueRow[]; total: number } {
      if (queue === 'file' || queue === 'random') {
        const where = filterWhere(datasetId, {})
        // A seeded multiplicative hash: the same seed, the same order, with no stored state.
        const order = queue === 'file' ? 'd.id' : `(d.id * 2654435761 + ?) % 4294967311, d.id`
        const orderArgs = queue === 'file' ? [] : [seed]
        const rows = db
          .prepare<unknown[], QueueRow>(
            `SELECT d.id, NULL AS score, NULL AS reason FROM ${where.from} WHERE ${where.sql}
             ORDER BY ${order} LIMIT ? OFFSET ?`,
          )
          .all(...where.args, ...orderArgs, limit, offset)
        const total = db
          .prepare<unknown[], { n: number }>(
            `SELECT count(*) AS n FROM ${where.from} WHERE ${where.sql}`,
          )
          .get(...where.args)!.n
        return { rows, total }
      }
      const spec = QUEUE_SQL[queue]
      const where = filterWhere(datasetId, spec.status ? { status: spec.status } : {})
      const from = `${where.from} ${spec.join}`
      const args = [version, ...where.args]
      const reason = queue === 'mislabelled' ? 'q.mislabel_reason' : 'NULL'
      const rows = db
        .prepare<unknown[], QueueRow>(
          `SELECT d.id, ${spec.score} AS score, ${reason} AS reason FROM ${from}
           WHERE ${where.sql} AND ${spec.condition} ORDER BY score DESC, d.id LIMIT ? OFFSET ?`,
        )
        .all(...args, limit, offset)
      const total = db
        .prepare<unknown[], { n: number }>(
          `SELECT count(*) AS n FROM ${from} WHERE ${where.sql} AND ${spec.condition}`,
        )
        .get(...args)!.n
      return { rows, total }
    },
  }
}

export type SuggestionsRepo = ReturnType<typeof createSuggestionsRepo>
