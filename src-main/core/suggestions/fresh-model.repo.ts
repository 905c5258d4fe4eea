import { TASK_KINDS } from '../../api/contract/tasks'
import type { Sqlite } from '../db/sqlite'

/** Keep-fresh of one dataset as stored (a ui_state row, so it needs no table of its own). */
export interface FreshRecord {
  /** Retrain after this many label changes; null: off (the row may still hold a pending retrain). */
  every: number | null
  /** The annotation journal's last id when the count restarted (a retrain, or turning it on). */
  since: number
  /** The training task of a retrain whose curve point and suggestions are not all in yet. */
  pendingTaskId: string | null
}

const PREFIX = 'fresh-model:'
/** Predict templates live in ui_state under this prefix (see predicting/templates.ts). */
const TEMPLATE_PREFIX = 'predict-template:'

/** SQL of "keep the model fresh": its stored state, the label count, and which versions are used. */
export function createFreshRepo(db: Sqlite) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM ui_state WHERE key = ?')
  const all = db.prepare<[string, string], { key: string; value: string }>(
    'SELECT key, value FROM ui_state WHERE key > ? AND key < ?',
  )
  const upsert = db.prepare(
    `INSERT INTO ui_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  )
  const head = db.prepare<[], { id: number }>(
    'SELECT ifnull(max(id), 0) AS id FROM annotation_journal',
  )
  const since = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM annotation_journal WHERE dataset_id = ? AND id > ?',
  )
  const versions = db.prepare<[string], { id: string; name: string }>(
    `SELECT m.id, m.name FROM retrain_points p JOIN model_versions m ON m.id = p.model_version
     WHERE p.dataset_id = ? ORDER BY p.created_at DESC, p.rowid DESC`,
  )
  // A predict or evaluation task that names it, any task still running with it, a predict
  // template or another remembered UI value: the version is in use. (A retrain's own training task names no
  // version; its suggestions tasks do, and those are settled by the time versions are pruned.)
  const used = db.prepare<[string, string, string, string, string], { n: number }>(
    `SELECT (SELECT count(*) FROM tasks WHERE instr(config, ?) > 0 AND
        (kind IN ('${TASK_KINDS.predict}', '${TASK_KINDS.evaluate}')
         OR status IN ('PENDING', 'RUNNING')))
      + (SELECT count(*) FROM ui_state WHERE key > ? AND key < ? AND instr(value, ?) > 0)
      + (SELECT count(*) FROM ui_state WHERE key NOT LIKE '${PREFIX}%' AND key NOT LIKE
          '${TEMPLATE_PREFIX}%' AND instr(value, ?) > 0) AS n`,
  )

  const parse = (value: string): FreshRecord => {
    const r = JSON.parse(value) as Partial<FreshRecord>
    return {
      every: typeof r.every === 'number' ? r.every : null,
      since: typeof r.since === 'number' ? r.since : 0,
      pendingTaskId: typeof r.pendingTaskId === 'string' ? r.pendingTaskId : null,
    }
  }

  const get = (datasetId: string): FreshRecord => {
    const row = read.get(PREFIX + datasetId)
    return row ? parse(row.value) : { every: null, since: 0, pendingTaskId: null }
  }

  return {
    get,
    patch(datasetId: string, change: Partial<FreshRecord>): FreshRecord {
      const next = { ...get(datasetId), ...change }
      upsert.run(PREFIX + datasetId, JSON.stringify(next), Date.now())
      return next
    },
    /** Every dataset with a stored keep-fresh state. */
    all: () =>
      all
        .all(PREFIX, `${PREFIX}~`)
        .map((row) => ({ datasetId: row.key.slice(PREFIX.length), ...parse(row.value) })),
    /** The annotation journal's last id (the count of later label changes starts here). */
    journalHead: () => head.get()!.id,
    labelsSince: (datasetId: string, journalId: number) => since.get(datasetId, journalId)!.n,
    /** The dataset's retrained versions that still exist, newest first. */
    versions: (datasetId: string) => versions.all(datasetId),
    inUse: (versionId: string) =>
      used.get(versionId, TEMPLATE_PREFIX, `${TEMPLATE_PREFIX}~`, versionId, versionId)!.n > 0,
  }
}

export type FreshRepo = ReturnType<typeof createFreshRepo>
