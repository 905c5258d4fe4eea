import type { ColumnMapping } from '../../../api/contract/predicting'
import { quoteIdent } from '../../db/mariadb'

export interface SourceFilters {
  columns: ColumnMapping
  from?: string | undefined
  to?: string | undefined
  sourceIds?: string[] | undefined
}

/** The WHERE clause of the time range and source-id filter: names quoted, values as parameters. */
export function sqlFilters(spec: SourceFilters) {
  const conditions: string[] = []
  const args: unknown[] = []
  const time = spec.columns.postTime ? quoteIdent(spec.columns.postTime) : null
  if (time && spec.from) {
    conditions.push(`${time} >= ?`)
    args.push(spec.from.replace('T', ' '))
  }
  if (time && spec.to) {
    conditions.push(`${time} < ?`)
    args.push(spec.to.replace('T', ' '))
  }
  if (spec.columns.sourceId && spec.sourceIds?.length) {
    conditions.push(`${quoteIdent(spec.columns.sourceId)} IN (?)`)
    args.push(spec.sourceIds)
  }
  return {
    args,
    /** The WHERE clause with `leading` (the keyset condition, whose args come first) prepended. */
    where(leading: string): string {
      const all = leading ? [leading, ...conditions] : conditions
      return all.length ? `WHERE ${all.join(' AND ')}` : ''
    },
  }
}
