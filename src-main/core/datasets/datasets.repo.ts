import type { LabelMode, Split } from '../../api/contract/datasets'
import type { Sqlite } from '../db/sqlite'

export interface DatasetRow {
  id: string
  name: string
  description: string
  label_mode: LabelMode
  split_seed: number | null
  split_ratios: string | null
  created_at: number
  updated_at: number
  deleted_at: number | null
  document_count: number
  labeled_count: number
  /** Set while the import creating this dataset runs: hidden until it commits. */
  import_id: number | null
}

export interface LabelRow {
  id: number
  dataset_id: string
  name: string
  color: string
  shortcut: string | null
  position: number
  count: number
}

export type DatasetPatch = Partial<{
  name: string
  description: string
  label_mode: LabelMode
  split_seed: number
  split_ratios: string
  import_id: number | null
}>

export type LabelPatch = Partial<{ name: string; color: string; shortcut: string | null }>

const LABEL_COLUMNS =
  'l.id, l.dataset_id, l.name, l.color, l.shortcut, l.position, l.doc_count AS count'

/** SQL for datasets and their label sets. */
export function createDatasetsRepo(db: Sqlite) {
  const byId = db.prepare<[string], DatasetRow>('SELECT * FROM datasets WHERE id = ?')
  const liveByName = db.prepare<[string], DatasetRow>(
    'SELECT * FROM datasets WHERE name = ? AND deleted_at IS NULL',
  )
  // Labels a running import created (import_id set) stay hidden until it commits.
  const labelsOf = db.prepare<[string], LabelRow>(
    `SELECT ${LABEL_COLUMNS} FROM labels l WHERE l.dataset_id = ? AND l.import_id IS NULL
     ORDER BY l.position, l.id`,
  )
  const allLabelsOf = db.prepare<[string], LabelRow>(
    `SELECT ${LABEL_COLUMNS} FROM labels l WHERE l.dataset_id = ? ORDER BY l.position, l.id`,
  )
  const labelById = db.prepare<[number], LabelRow>(
    `SELECT ${LABEL_COLUMNS} FROM labels l WHERE l.id = ? AND l.import_id IS NULL`,
  )

  return {
    get: (id: string): DatasetRow | undefined => byId.get(id),
    liveByName: (name: string): DatasetRow | undefined => liveByName.get(name),

    list(query: string | undefined): DatasetRow[] {
      const pattern = query ? `%${query.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null
      return db
        .prepare<[string | null, string | null, string | null], DatasetRow>(
          `SELECT * FROM datasets WHERE deleted_at IS NULL AND import_id IS NULL
             AND (? IS NULL OR name LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')
           ORDER BY created_at DESC, rowid DESC`,
        )
        .all(pattern, pattern, pattern)
    },

    insert(
      row: Omit<
        DatasetRow,
        'deleted_at' | 'split_seed' | 'split_ratios' | 'document_count' | 'labeled_count'
      >,
    ): void {
      db.prepare(
        `INSERT INTO datasets (id, name, description, label_mode, created_at, updated_at, import_id)
         VALUES (@id, @name, @description, @label_mode, @created_at, @updated_at, @import_id)`,
      ).run(row)
    },

    update(id: string, patch: DatasetPatch, now: number): void {
      const keys = Object.keys(patch) as (keyof DatasetPatch)[]
      const sets = [...keys.map((k) => `${k} = @${k}`), 'updated_at = @now'].join(', ')
      db.prepare(`UPDATE datasets SET ${sets} WHERE id = @id`).run({ ...patch, id, now })
    },

    setDeleted(id: string, deletedAt: number | null): void {
      db.prepare('UPDATE datasets SET deleted_at = ? WHERE id = ?').run(deletedAt, id)
    },

    lastDeleted(): DatasetRow | undefined {
      return db
        .prepare<[], DatasetRow>(
          'SELECT * FROM datasets WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, rowid DESC LIMIT 1',
        )
        .get()
    },

    /** Hard-deletes datasets binned before `before` (cascades to everything they hold). */
    purgeDeleted(before: number): number {
      return db
        .prepare('DELETE FROM datasets WHERE deleted_at IS NOT NULL AND deleted_at < ?')
        .run(before).changes
    },

    labels: (datasetId: string): LabelRow[] => labelsOf.all(datasetId),
    /** With the labels of a running import: names and shortcuts must not clash with those either. */
    allLabels: (datasetId: string): LabelRow[] => allLabelsOf.all(datasetId),
    label: (id: number): LabelRow | undefined => labelById.get(id),

    insertLabel(label: Omit<LabelRow, 'id' | 'count'>, importId: number | null = null): number {
      const result = db
        .prepare(
          `INSERT INTO labels (dataset_id, name, color, shortcut, position, import_id)
           VALUES (@dataset_id, @name, @color, @shortcut, @position, @import_id)`,
        )
        .run({ ...label, import_id: importId })
      return Number(result.lastInsertRowid)
    },

    updateLabel(id: number, patch: LabelPatch): void {
      const keys = Object.keys(patch) as (keyof LabelPatch)[]
      if (keys.length === 0) return
      db.prepare(
        `UPDATE labels SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`,
      ).run({
        ...patch,
        id,
      })
    },

    deleteLabel: (id: number): void => void db.prepare('DELETE FROM labels WHERE id = ?').run(id),

    /** Copies annotations and suggestions of `source` to `target` (skipping ones already there). */
    copyLabelUses(source: number, target: number): number {
      db.prepare(
        `INSERT OR IGNORE INTO suggestions (document_id, label_id, model_version, score)
         SELECT document_id, ?, model_version, score FROM suggestions WHERE label_id = ?`,
      ).run(target, source)
      return db
        .prepare(
          `INSERT OR IGNORE INTO annotations (document_id, label_id, created_at)
           SELECT document_id, ?, created_at FROM annotations WHERE label_id = ?`,
        )
        .run(target, source).changes
    },

    /** Documents holding both labels (merging them into a single-label dataset would give two). */
    documentsWithMoreThanOneLabel(datasetId: string): number {
      return (
        db
          .prepare<[string], { n: number }>(
            'SELECT count(*) AS n FROM documents WHERE dataset_id = ? AND label_count > 1',
          )
          .get(datasetId)?.n ?? 0
      )
    },

    splitRows(datasetId: string): { id: number; content_hash: string; label_key: string }[] {
      return db
        .prepare<[string], { id: number; content_hash: string; label_key: string }>(
          `SELECT d.id, d.content_hash,
             coalesce((SELECT group_concat(label_id, ',') FROM
               (SELECT label_id FROM annotations WHERE document_id = d.id ORDER BY label_id)), '') AS label_key
           FROM documents d WHERE d.dataset_id = ? ORDER BY d.id`,
        )
        .all(datasetId)
    },

    setSplits(assignments: Iterable<[number, Split]>): void {
      const set = db.prepare('UPDATE documents SET split = ? WHERE id = ?')
      for (const [id, split] of assignments) set.run(split, id)
    },

    /** Copies labels, documents (with splits), annotations and suggestions into another dataset. */
    copyContents(from: string, to: string, now: number): void {
      db.exec('DROP TABLE IF EXISTS temp.label_map; DROP TABLE IF EXISTS temp.document_map')
      db.prepare(
        `INSERT INTO labels (dataset_id, name, color, shortcut, position)
         SELECT ?, name, color, shortcut, position FROM labels WHERE dataset_id = ? ORDER BY id`,
      ).run(to, from)
      db.prepare(
        `CREATE TEMP TABLE label_map AS SELECT o.id AS old_id, n.id AS new_id FROM labels o
         JOIN labels n ON n.dataset_id = ? AND n.name = o.name WHERE o.dataset_id = ?`,
      ).run(to, from)
      const base =
        db.prepare<[], { m: number | null }>('SELECT max(id) AS m FROM documents').get()?.m ?? 0
      db.prepare(
        `CREATE TEMP TABLE document_map AS
         SELECT id AS old_id, ? + row_number() OVER (ORDER BY id) AS new_id FROM documents WHERE dataset_id = ?`,
      ).run(base, from)
      db.prepare(
        `INSERT INTO documents (id, dataset_id, text, author, title, source_id, post_time, meta, content_hash,
                                split, labeled_at, created_at)
         SELECT m.new_id, ?, d.text, d.author, d.title, d.source_id, d.post_time, d.meta, d.content_hash,
                d.split, d.labeled_at, ?
         FROM documents d JOIN temp.document_map m ON m.old_id = d.id ORDER BY d.id`,
      ).run(to, now)
      // No trigger counts or indexes inserted documents (migration 0011): the copy does both.
      db.prepare(
        `UPDATE datasets SET document_count = document_count + (SELECT count(*) FROM temp.document_map)
         WHERE id = ?`,
      ).run(to)
      db.exec(
        `INSERT INTO documents_fts (rowid, text, title)
         SELECT d.id, d.text, d.title FROM documents d JOIN temp.document_map m ON m.new_id = d.id`,
      )
      const extras = { annotations: ['created_at'], suggestions: ['model_version', 'score'] }
      for (const [table, columns] of Object.entries(extras)) {
        db.exec(
          `INSERT INTO ${table} (document_id, label_id, ${columns.join(', ')})
           SELECT dm.new_id, lm.new_id, ${columns.map((c) => `t.${c}`).join(', ')} FROM ${table} t
           JOIN temp.document_map dm ON dm.old_id = t.document_id
           JOIN temp.label_map lm ON lm.old_id = t.label_id`,
        )
      }
      db.exec('DROP TABLE temp.label_map; DROP TABLE temp.document_map')
    },
  }
}

export type DatasetsRepo = ReturnType<typeof createDatasetsRepo>
