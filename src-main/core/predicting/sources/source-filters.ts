import type { ColumnMapping } from '../../../api/contract/predicting'

export interface SourceFilters {
  columns: ColumnMapping
  from?: string | undefined
  to?: string | undefined
  sourceIds?: string[] | undefined
}

/**
 * The filter's values as every source compares them: post times as text with a space between date
 * and time (as the databases print them), and no source-id filter for an empty list.
 */
export function filterValues(spec: SourceFilters) {
  return {
    from: spec.from?.replace('T', ' '),
    to: spec.to?.replace('T', ' '),
    sourceIds: spec.sourceIds?.length ? spec.sourceIds : undefined,
  }
}

/** The filter for rows read from a file: post times compared as text, like the SQL ones. */
export function rowFilter(spec: SourceFilters) {
  const { from, to, sourceIds } = filterValues(spec)
  const ids = sourceIds ? new Set(sourceIds) : null
  return (postTime: string | null, sourceId: string | null): boolean => {
    if (from !== undefined && (postTime === null || postTime < from)) return false
    if (to !== undefined && (postTime === null || postTime >= to)) return false
    if (ids && (sourceId === null || !ids.has(sourceId))) return false
    return true
  }
}
