import type { ModelField } from '../../api/contract/models'
import type { RuleEntry, RuleSet } from '../../api/contract/rules'
import type { Sqlite } from '../db/sqlite'

interface RuleSetRow {
  id: string
  name: string
  kind: RuleSet['kind']
  field: ModelField
  case_sensitive: number
  rules: string
  created_at: number
  updated_at: number
}

function toRuleSet(row: RuleSetRow): RuleSet {
  const rules = JSON.parse(row.rules) as RuleEntry[]
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    field: row.field,
    caseSensitive: row.case_sensitive === 1,
    ruleCount: rules.length,
    labels: [...new Set(rules.map((r) => r.label))].sort(),
    updatedAt: row.updated_at,
    rules,
  }
}

/** SQL for rule sets. */
export function createRulesRepo(db: Sqlite) {
  const all = db.prepare<[], RuleSetRow>('SELECT * FROM rule_sets ORDER BY name')
  const byId = db.prepare<[string], RuleSetRow>('SELECT * FROM rule_sets WHERE id = ?')
  const byName = db.prepare<[string], RuleSetRow>('SELECT * FROM rule_sets WHERE name = ?')
  const upsert = db.prepare(
    `INSERT INTO rule_sets (id, name, kind, field, case_sensitive, rules, created_at, updated_at)
     VALUES (@id, @name, @kind, @field, @caseSensitive, @rules, @now, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, field = excluded.field,
       case_sensitive = excluded.case_sensitive, rules = excluded.rules, updated_at = excluded.updated_at`,
  )

  return {
    list: (): RuleSet[] => all.all().map(toRuleSet),
    get: (id: string): RuleSet | undefined => {
      const row = byId.get(id)
      return row && toRuleSet(row)
    },
    findByName: (name: string): RuleSet | undefined => {
      const row = byName.get(name)
      return row && toRuleSet(row)
    },
    save(
      set: Pick<RuleSet, 'id' | 'name' | 'kind' | 'field' | 'caseSensitive' | 'rules'>,
      now: number,
    ): void {
      upsert.run({
        id: set.id,
        name: set.name,
        kind: set.kind,
        field: set.field,
        caseSensitive: set.caseSensitive ? 1 : 0,
        rules: JSON.stringify(set.rules),
        now,
      })
    },
    remove: (id: string): boolean =>
      db.prepare('DELETE FROM rule_sets WHERE id = ?').run(id).changes > 0,
  }
}
