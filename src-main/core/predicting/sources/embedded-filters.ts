import type { SourceFilters } from './source-filters'
import type { Routes } from '../types'

/** A SQLite cell as text (null stays null). */
export function sqliteText(v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString()
  if (Buffer.isBuffer(v)) return v.toString('utf8')
  return JSON.stringify(v)
}

/** A SQLite identifier, double-quoted. */
export const sqliteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The time range and source-id filter as SQLite conditions: names quoted, values as parameters. */
export function sqliteFilters(spec: SourceFilters) {
  const conditions: string[] = []
  const args: unknown[] = []
  const time = spec.columns.postTime ? sqliteIdent(spec.columns.postTime) : null
  if (time && spec.from) {
    conditions.push(`${time} >= ?`)
    args.push(spec.from.replace('T', ' '))
  }
  if (time && spec.to) {
    conditions.push(`${time} < ?`)
    args.push(spec.to.replace('T', ' '))
  }
  if (spec.columns.sourceId && spec.sourceIds?.length) {
    conditions.push(
      `${sqliteIdent(spec.columns.sourceId)} IN (${spec.sourceIds.map(() => '?').join(', ')})`,
    )
    args.push(...spec.sourceIds)
  }
  return {
    args,
    where(leading: string): string {
      const all = leading ? [leading, ...conditions] : conditions
      return all.length ? `WHERE ${all.join(' AND ')}` : ''
    },
  }
}

/** The same filter for rows read from a file: post times compared as text, like the SQL ones. */
export function rowFilter(spec: SourceFilters) {
  const from = spec.from?.replace('T', ' ')
  const to = spec.to?.replace('T', ' ')
  const ids = spec.sourceIds?.length ? new Set(spec.sourceIds) : null
  return (postTime: string | null, sourceId: string | null): boolean => {
    if (from !== undefined && (postTime === null || postTime < from)) return false
    if (to !== undefined && (postTime === null || postTime >= to)) return false
    if (ids && (sourceId === null || !ids.has(sourceId))) return false
    return true
  }
}

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
