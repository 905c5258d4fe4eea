import type { LearningPoint, QueueName } from '../../api/contract/suggestions'
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

export interface QueueStepRow {
  id: number
  pos: number
  total: number
}

/**
 * A queue as a subquery of (id, score, reason) and its order over those columns; `args` bind the
 * subquery's parameters, `orderArgs` the order's (a random queue's seed).
 */
function queueQuery(datasetId: string, queue: QueueName, version: string, seed: number) {
  if (queue === 'file' || queue === 'random') {
    const where = filterWhere(datasetId, {})
    return {
      select: `SELECT d.id AS id, NULL AS score, NULL AS reason FROM ${where.from}
        WHERE ${where.sql}`,
      args: where.args,
      // A seeded multiplicative hash: the same seed, the same order, with no stored state.
      order: queue === 'file' ? 'id' : '(id * 2654435761 + ?) % 4294967311, id',
      orderArgs: queue === 'file' ? [] : [seed],
    }
  }
  const spec = QUEUE_SQL[queue]
  const where = filterWhere(datasetId, spec.status ? { status: spec.status } : {})
  const reason = queue === 'mislabelled' ? 'q.mislabel_reason' : 'NULL'
  return {
    select: `SELECT d.id AS id, ${spec.score} AS score, ${reason} AS reason
      FROM ${where.from} ${spec.join} WHERE ${where.sql} AND ${spec.condition}`,
    args: [version, ...where.args],
    order: 'score DESC, id',
    orderArgs: [] as unknown[],
  }
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

  const insertPoint = db.prepare(
    `INSERT OR REPLACE INTO retrain_points
       (model_version, dataset_id, labels, macro_f1, metric, created_at)
     VALUES (@modelVersion, @datasetId, @labels, @macroF1, @metric, @createdAt)`,
  )
  const curve = db.prepare<[string], LearningPoint>(
    `SELECT model_version AS modelVersion, labels, macro_f1 AS macroF1, metric,
       created_at AS createdAt
     FROM retrain_points WHERE dataset_id = ? ORDER BY created_at, rowid`,
  )

  return {
    addPoint: (datasetId: string, point: LearningPoint) => insertPoint.run({ ...point, datasetId }),
    /** The dataset's retrains, oldest first. */
    curve: (datasetId: string) => curve.all(datasetId),
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
      const q = queueQuery(datasetId, queue, version, seed)
      const rows = db
        .prepare<unknown[], QueueRow>(
          `SELECT * FROM (${q.select}) ORDER BY ${q.order} LIMIT ? OFFSET ?`,
        )
        .all(...q.args, ...q.orderArgs, limit, offset)
      const total = db
        .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM (${q.select})`)
        .get(...q.args)!.n
      return { rows, total }
    },

    /**
     * The neighbour of a document in a queue's order, with its 0-based place and the queue's
     * length; null past either end. A document outside the queue (labelled since, say) is
     * followed by the queue's head and preceded by nothing.
     */
    step(
      datasetId: string,
      queue: QueueName,
      version: string,
      seed: number,
      fromId: number,
      direction: 'next' | 'previous',
    ): QueueStepRow | null {
      const q = queueQuery(datasetId, queue, version, seed)
      const ranked = `WITH r AS (SELECT id, row_number() OVER (ORDER BY ${q.order}) - 1 AS pos
        FROM (${q.select}))`
      const args = [...q.orderArgs, ...q.args]
      const from = db
        .prepare<unknown[], { pos: number }>(`${ranked} SELECT pos FROM r WHERE id = ?`)
        .get(...args, fromId)
      if (!from && direction === 'previous') return null
      const want = from ? from.pos + (direction === 'next' ? 1 : -1) : 0
      return (
        db
          .prepare<unknown[], QueueStepRow>(
            `${ranked} SELECT id, pos, (SELECT count(*) FROM r) AS total FROM r WHERE pos = ?`,
          )
          .get(...args, want) ?? null
      )
    },
  }
}

export type SuggestionsRepo = ReturnType<typeof createSuggestionsRepo>
