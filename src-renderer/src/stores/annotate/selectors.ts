import type { DocumentFilter } from '@api/dto'
import { PAGE_SIZE, type AnnotateFilter, type AnnotateState } from './state'

export const selectAnnotateDatasetId = (s: AnnotateState) => s.datasetId
export const selectAnnotateDataset = (s: AnnotateState) => s.dataset
export const selectIndexing = (s: AnnotateState) => s.indexing
export const selectFilter = (s: AnnotateState) => s.filter
export const selectTotal = (s: AnnotateState) => s.total
export const selectPages = (s: AnnotateState) => s.pages
export const selectListVersion = (s: AnnotateState) => s.listVersion
export const selectCounts = (s: AnnotateState) => s.counts
export const selectCurrent = (s: AnnotateState) => s.current
export const selectPosition = (s: AnnotateState) => s.position
export const selectStats = (s: AnnotateState) => s.stats
export const selectUndoable = (s: AnnotateState) => s.undoable
export const selectRedoable = (s: AnnotateState) => s.redoable
export const selectEdits = (s: AnnotateState) => s.edits
export const selectWorking = (s: AnnotateState) => s.working
export const selectNotice = (s: AnnotateState) => s.notice
export const selectSelection = (s: AnnotateState) => s.selection

/** The screen's filter as the API takes it: empty parts are left out. */
export function toDocumentFilter(filter: AnnotateFilter): DocumentFilter {
  const query = filter.query.trim()
  return {
    status: filter.status,
    ...(filter.labelId !== null ? { labelId: filter.labelId } : {}),
    ...(filter.split !== null ? { split: filter.split } : {}),
    ...(query ? { query } : {}),
  }
}

/** The row at a list index, when its page is loaded. */
export function rowAt(pages: AnnotateState['pages'], index: number) {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE]
}

/** Index of a document among the loaded pages (the list is in id order), or null. */
export function indexOfDocument(pages: AnnotateState['pages'], documentId: number): number | null {
  for (const [key, rows] of Object.entries(pages)) {
    const at = rows.findIndex((r) => r.id === documentId)
    if (at >= 0) return Number(key) * PAGE_SIZE + at
  }
  return null
}

/** The list pages with one row's labels replaced, or null when that row is not listed. */
export function withRowLabels(
  pages: AnnotateState['pages'],
  documentId: number,
  labelIds: number[],
): AnnotateState['pages'] | null {
  for (const [key, rows] of Object.entries(pages)) {
    const at = rows.findIndex((r) => r.id === documentId)
    const row = rows[at]
    if (!row) continue
    const copy = rows.slice()
    copy[at] = { ...row, labelIds }
    return { ...pages, [key]: copy }
  }
  return null
}
