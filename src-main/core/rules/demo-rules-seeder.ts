import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Seeder } from '../workspace/seed'
import type { RulesService } from './rules.service'

export const DEMO_RULE_SET_NAME = 'Demo: audience keywords'

/** The demo keyword rules (one file per label under resources/demo/rules) as a rule set, once. */
export function demoRulesSeeder(resourcesDir: string, rules: RulesService): Seeder {
  return {
    name: 'demo-rules',
    apply: () => {
      const dir = join(resourcesDir, 'demo', 'rules')
      if (!existsSync(dir) || rules.list().some((r) => r.name === DEMO_RULE_SET_NAME)) return
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((fileName) => ({ fileName, content: readFileSync(join(dir, fileName), 'utf8') }))
      if (files.length > 0) {
        rules.importFiles({ name: DEMO_RULE_SET_NAME, kind: 'keyword', field: 'content', files })
      }
    },
  }
}
