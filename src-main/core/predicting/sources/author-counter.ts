import type { Routes } from '../types'

/** Unique non-empty authors per output table, counted in memory. */
export class AuthorCounter {
  private readonly sets = new Map<string, Set<string>>()
  constructor(private readonly routes: Routes) {}

  add(author: string | null, sourceId: string | null): void {
    if (!author) return
    const table =
      sourceId !== null
        ? (this.routes.bySourceId[sourceId] ?? this.routes.fallback)
        : this.routes.fallback
    let set = this.sets.get(table)
    if (!set) this.sets.set(table, (set = new Set()))
    set.add(author)
  }

  counts(): Map<string, number> {
    return new Map([...this.sets].map(([table, set]) => [table, set.size]))
  }
}
