import type { PredictStartParams } from '../../api/contract/predicting'
import { storedTemplate, type PredictTemplate } from '../../api/contract/predict-templates'
import { ApiError } from '../../api/errors'
import type { Sqlite } from '../db/sqlite'
import { newId } from '../ids'

/** Templates live in the workspace's ui_state table, one row each, under this key prefix. */
const PREFIX = 'predict-template:'

export interface TemplateDeps {
  db: Sqlite
  /** Whether a saved model version exists (a template naming a deleted one is refused). */
  hasModelVersion: (id: string) => boolean
  now?: () => number
}

/** Named predict.start params the predict form starts from. */
export function createPredictTemplates({ db, hasModelVersion, now = Date.now }: TemplateDeps) {
  const rows = db.prepare<[string, string], { value: string }>(
    'SELECT value FROM ui_state WHERE key > ? AND key < ?',
  )
  const upsert = db.prepare(
    `INSERT INTO ui_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  )
  const remove = db.prepare('DELETE FROM ui_state WHERE key = ?')

  function list(): PredictTemplate[] {
    const templates: PredictTemplate[] = []
    for (const row of rows.all(PREFIX, `${PREFIX}~`)) {
      // A template an older or newer app wrote that no longer fits is skipped, not fatal.
      const parsed = storedTemplate.safeParse(JSON.parse(row.value))
      if (parsed.success) templates.push(parsed.data)
    }
    return templates.sort((a, b) => a.name.localeCompare(b.name))
  }

  function save(name: string, params: PredictStartParams): PredictTemplate {
    for (const m of params.models) {
      if (m.model.kind === 'version' && !hasModelVersion(m.model.id)) {
        throw new ApiError(
          'NOT_FOUND',
          `Model version ${m.model.id} does not exist (deleted?). Pick another version before saving the template.`,
        )
      }
    }
    const same = list().find((t) => t.name === name)
    const at = now()
    const template: PredictTemplate = {
      id: same?.id ?? newId(),
      name,
      params,
      createdAt: same?.createdAt ?? at,
      updatedAt: at,
    }
    upsert.run(PREFIX + template.id, JSON.stringify(template), at)
    return template
  }

  function remove_(id: string): { deleted: true } {
    if (remove.run(PREFIX + id).changes === 0)
      throw new ApiError('NOT_FOUND', `Template ${id} does not exist; it may have been deleted.`)
    return { deleted: true }
  }

  return { list, save, delete: remove_ }
}

export type PredictTemplates = ReturnType<typeof createPredictTemplates>
