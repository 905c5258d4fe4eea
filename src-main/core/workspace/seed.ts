import type { Sqlite } from '../db/sqlite'

/** One idempotent piece of demo content; it runs once per workspace, recorded in the seeds table. */
export interface Seeder {
  name: string
  apply: () => void | Promise<void>
}

export async function applySeeders(
  db: Sqlite,
  seeders: readonly Seeder[],
  now = Date.now,
): Promise<string[]> {
  const applied: string[] = []
  const has = db.prepare<[string], { name: string }>('SELECT name FROM seeds WHERE name = ?')
  const mark = db.prepare('INSERT INTO seeds (name, applied_at) VALUES (?, ?)')
  for (const seeder of seeders) {
    if (has.get(seeder.name)) continue
    await seeder.apply()
    mark.run(seeder.name, now())
    applied.push(seeder.name)
  }
  return applied
}
