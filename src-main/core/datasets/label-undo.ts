import { ApiError } from '../../api/errors'
import type { Sqlite } from '../db/sqlite'
import { newId } from '../ids'

interface LabelRecord {
  id: number
  dataset_id: string
  name: string
  color: string
  shortcut: string | null
  position: number
}

/** The uses of one label before a change, packed (a label may be on a million documents). */
interface LabelUses {
  label: LabelRecord
  annotationDocs: Float64Array
  annotationTimes: Float64Array
  suggestionDocs: Float64Array
  suggestionScores: (number | null)[]
  suggestionModels: string[]
}

interface UndoRecord {
  datasetId: string
  before: LabelUses[]
  /** Labels the change created; undo removes them. */
  created: number[]
  /** The involved labels right after the change: undo is refused once they differ. */
  after: string
}

/** Undo records kept per core; older ones can no longer be undone. */
const KEEP = 20

/**
 * Undo for label-set changes that touch many documents at once (split, merge): the labels involved
 * and all their annotations and suggestions are kept (in memory, packed) before the change, and put
 * back in one transaction. An undo is refused once those labels changed again.
 */
export function createLabelUndo(db: Sqlite) {
  const records = new Map<string, UndoRecord>()
  const labelRow = db.prepare<[number], LabelRecord>(
    'SELECT id, dataset_id, name, color, shortcut, position FROM labels WHERE id = ?',
  )
  const annotationsOf = db.prepare<[number], { document_id: number; created_at: number }>(
    'SELECT document_id, created_at FROM annotations WHERE label_id = ?',
  )
  const suggestionsOf = db.prepare<
    [number],
    { document_id: number; model_version: string; score: number | null }
  >('SELECT document_id, model_version, score FROM suggestions WHERE label_id = ?')
  const state = db.prepare<[number], { state: string }>(
    `SELECT id || ':' || name || ':' || doc_count || ':' ||
       (SELECT count(*) FROM suggestions WHERE label_id = labels.id) AS state
     FROM labels WHERE id = ?`,
  )
  const fingerprint = (ids: number[]) =>
    ids.map((id) => state.get(id)?.state ?? `${id}:gone`).join('|')

  const usesOf = (label: LabelRecord): LabelUses => {
    const annotations = annotationsOf.all(label.id)
    const suggestions = suggestionsOf.all(label.id)
    return {
      label,
      annotationDocs: Float64Array.from(annotations, (a) => a.document_id),
      annotationTimes: Float64Array.from(annotations, (a) => a.created_at),
      suggestionDocs: Float64Array.from(suggestions, (s) => s.document_id),
      suggestionScores: suggestions.map((s) => s.score),
      suggestionModels: suggestions.map((s) => s.model_version),
    }
  }

  return {
    /** Keeps the labels `ids` with their uses; call inside the change's transaction, before it. */
    capture(datasetId: string, ids: number[]) {
      const before = ids.flatMap((id) => {
        const label = labelRow.get(id)
        return label ? [usesOf(label)] : []
      })
      return {
        /** Registers the finished change; returns its undo id. Call inside the same transaction. */
        commit(created: number[]): string {
          const undoId = newId()
          const involved = [...before.map((b) => b.label.id), ...created]
          records.set(undoId, { datasetId, before, created, after: fingerprint(involved) })
          while (records.size > KEEP) records.delete(records.keys().next().value as string)
          return undoId
        },
      }
    },

    /** Puts the labels back as they were; refuses when they changed since. */
    undo(datasetId: string, undoId: string): void {
      const record = records.get(undoId)
      if (!record || record.datasetId !== datasetId) {
        throw new ApiError(
          'NOT_FOUND',
          'This label change can no longer be undone (the app restarted, or it was undone already).',
        )
      }
      const involved = [...record.before.map((b) => b.label.id), ...record.created]
      if (fingerprint(involved) !== record.after) {
        throw new ApiError(
          'INVALID_STATE',
          'These labels changed since (documents were labelled or labels edited), so the change ' +
            'can no longer be undone. Split or merge them again by hand.',
        )
      }
      db.transaction(() => {
        const drop = db.prepare('DELETE FROM labels WHERE id = ?')
        for (const id of record.created) drop.run(id)
        for (const uses of record.before) restore(uses)
      })()
      records.delete(undoId)
    },
  }

  function restore(uses: LabelUses): void {
    const { label } = uses
    db.prepare('DELETE FROM annotations WHERE label_id = ?').run(label.id)
    db.prepare('DELETE FROM suggestions WHERE label_id = ?').run(label.id)
    let id = label.id
    const current = labelRow.get(id)
    if (!current) {
      const taken = db
        .prepare<[number], { n: number }>('SELECT count(*) AS n FROM labels WHERE id = ?')
        .get(id)
      const shortcutHolder =
        label.shortcut === null
          ? undefined
          : db
              .prepare<[string, string], { id: number }>(
                'SELECT id FROM labels WHERE dataset_id = ? AND shortcut = ?',
              )
              .get(label.dataset_id, label.shortcut)
      const row = { ...label, shortcut: shortcutHolder ? null : label.shortcut }
      const result = db
        .prepare(
          `INSERT INTO labels (${taken?.n ? '' : 'id, '}dataset_id, name, color, shortcut, position)
           VALUES (${taken?.n ? '' : '@id, '}@dataset_id, @name, @color, @shortcut, @position)`,
        )
        .run(row)
      id = Number(result.lastInsertRowid)
    }
    const annotate = db.prepare(
      'INSERT OR IGNORE INTO annotations (document_id, label_id, created_at) VALUES (?, ?, ?)',
    )
    for (let i = 0; i < uses.annotationDocs.length; i++)
      annotate.run(uses.annotationDocs[i], id, uses.annotationTimes[i])
    const suggest = db.prepare(
      `INSERT OR IGNORE INTO suggestions (document_id, label_id, model_version, score)
       VALUES (?, ?, ?, ?)`,
    )
    for (let i = 0; i < uses.suggestionDocs.length; i++) {
      const model = uses.suggestionModels[i] ?? 'imported'
      suggest.run(uses.suggestionDocs[i], id, model, uses.suggestionScores[i] ?? null)
    }
  }
}

export type LabelUndo = ReturnType<typeof createLabelUndo>
