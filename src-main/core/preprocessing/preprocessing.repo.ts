import type { ExclusionMode, ExclusionSet } from '../../api/contract/preprocessing'
import type { Sqlite } from '../db/sqlite'

interface ExclusionRow {
  id: string
  name: string
  mode: ExclusionMode
  case_sensitive: number
  patterns: string
  version: number
  created_at: number
  updated_at: number
}

const toSet = (row: ExclusionRow): ExclusionSet => ({
  id: row.id,
  name: row.name,
  mode: row.mode,
  caseSensitive: row.case_sensitive === 1,
  patterns: JSON.parse(row.patterns) as string[],
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

/** SQL for exclusion sets. */
export function createPreprocessingRepo(db: Sqlite) {
  const all = db.prepare<[], ExclusionRow>('SELECT * FROM exclusion_sets ORDER BY name')
  const byId = db.prepare<[string], ExclusionRow>('SELECT * FROM exclusion_sets WHERE id = ?')
  const byName = db.prepare<[string], ExclusionRow>('SELECT * FROM exclusion_sets WHERE name = ?')
  const insert = db.prepare(
    `INSERT INTO exclusion_sets (id, name, mode, case_sensitive, patterns, version, created_at, updated_at)
     VALUES (@id, @name, @mode, @caseSensitive, @patterns, 1, @now, @now)`,
  )
  const update = db.prepare(
    `UPDATE exclusion_sets SET name = @name, mode = @mode, case_sensitive = @caseSensitive,
       patterns = @patterns, version = version + 1, updated_at = @now WHERE id = @id`,
  )
  const remove = db.prepare('DELETE FROM exclusion_sets WHERE id = ?')

  return {
    list: (): ExclusionSet[] => all.all().map(toSet),
    get: (id: string): ExclusionSet | undefined => {
      const row = byId.get(id)
      return row && toSet(row)
    },
    findByName: (name: string): ExclusionSet | undefined => {
      const row = byName.get(name)
      return row && toSet(row)
    },
    save(
      set: Pick<ExclusionSet, 'id' | 'name' | 'mode' | 'patterns' | 'caseSensitive'>,
      isNew: boolean,
      now: number,
    ): void {
      const values = {
        id: set.id,
        name: set.name,
        mode: set.mode,
        caseSensitive: set.caseSensitive ? 1 : 0,
        patterns: JSON.stringify(set.patterns),
        now,
      }
      if (isNew) insert.run(values)
      else update.run(values)
    },
    remove: (id: string): boolean => remove.run(id).changes > 0,
  }
}
