/** Geometry of the windowed document list: which rows to render for a scroll position. */

export interface WindowRange {
  /** First row index to render (inclusive). */
  start: number
  /** One past the last row index to render. */
  end: number
}

export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): WindowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 }
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1
  const start = Math.max(0, Math.min(count - 1, first) - overscan)
  const end = Math.min(count, first + visible + overscan)
  return { start, end: Math.max(start, end) }
}

/**
 * The scrollTop that brings row `index` fully into view, or null when it already is (so keyboard
 * moves do not jolt the list).
 */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number | null {
  const top = index * rowHeight
  const bottom = top + rowHeight
  if (top < scrollTop) return top
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight)
  return null
}

/** Page indexes covering a range of rows. */
export function pagesFor(range: WindowRange, pageSize: number): number[] {
  if (range.end <= range.start) return []
  const first = Math.floor(range.start / pageSize)
  const last = Math.floor((range.end - 1) / pageSize)
  const pages: number[] = []
  for (let page = first; page <= last; page++) pages.push(page)
  return pages
}
