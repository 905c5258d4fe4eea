import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { LabelSummary } from '@api/dto'
import {
  rowAt,
  selectAnnotateDataset,
  selectCurrent,
  selectListVersion,
  selectPages,
  selectPosition,
  selectSelection,
  selectTotal,
} from '../../stores/annotate/selectors'
import { PAGE_SIZE } from '../../stores/annotate/state'
import { useAnnotate, useStores } from '../../stores/hooks'
import { pagesFor, scrollToReveal, visibleRange } from './windowing'

/** Every row has this height so the window can be computed without measuring rows. */
export const ROW_HEIGHT = 56

/** The filtered documents: only the rows in view (plus a few) are in the DOM. */
export function DocumentList() {
  const { annotate } = useStores()
  const total = useAnnotate(selectTotal)
  const pages = useAnnotate(selectPages)
  const position = useAnnotate(selectPosition)
  const current = useAnnotate(selectCurrent)
  const version = useAnnotate(selectListVersion)
  const dataset = useAnnotate(selectAnnotateDataset)
  const selection = useAnnotate(selectSelection)
  const ticked = useMemo(() => new Set(selection), [selection])
  const ref = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(480)
  const count = total ?? 0

  const labels = useMemo(
    () => new Map<number, LabelSummary>((dataset?.labels ?? []).map((l) => [l.id, l])),
    [dataset],
  )

  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    setHeight(element.clientHeight)
    const observer = new ResizeObserver(() => setHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // A new filter starts at the top.
  useEffect(() => {
    // Scrolling fires onScroll, which updates scrollTop.
    if (ref.current) ref.current.scrollTop = 0
  }, [version])

  const range = visibleRange(scrollTop, height, ROW_HEIGHT, count)
  const { start, end } = range
  useEffect(() => {
    for (const page of pagesFor({ start, end }, PAGE_SIZE)) void annotate.getState().loadPage(page)
  }, [annotate, start, end, version])

  // Keep the current document in view as the keyboard moves through the list.
  useEffect(() => {
    const element = ref.current
    if (!element || position === null) return
    const top = scrollToReveal(position, element.scrollTop, element.clientHeight, ROW_HEIGHT)
    if (top !== null) element.scrollTop = top
  }, [position, current?.id])

  const rows = []
  for (let index = range.start; index < range.end; index++) {
    const row = rowAt(pages, index)
    const style = { top: index * ROW_HEIGHT, height: ROW_HEIGHT }
    if (!row) {
      rows.push(
        <div
          key={`loading-${index}`}
          className="doc-row doc-row-loading"
          style={style}
          role="presentation"
        >
          Loading…
        </div>,
      )
      continue
    }
    const selected = row.id === current?.id
    rows.push(
      <div
        key={row.id}
        id={`doc-row-${row.id}`}
        className={`doc-row${selected ? ' doc-row-selected' : ''}`}
        style={style}
        role="option"
        // Selection is the bulk-action ticks (a multi-select list); the open document is current.
        aria-selected={ticked.has(row.id)}
        aria-current={selected ? 'true' : undefined}
        aria-setsize={count}
        aria-posinset={index + 1}
        onClick={(e) => {
          // Ctrl/⌘-click ticks one document for a bulk action, Shift-click a range; a click opens it.
          if (e.ctrlKey || e.metaKey || e.shiftKey) {
            annotate.getState().toggleSelected(row.id, e.shiftKey)
          } else void annotate.getState().goTo(row.id)
        }}
      >
        <span className="doc-row-head">
          {/* The option itself says whether it is ticked: the box is for the mouse only. */}
          <input
            type="checkbox"
            className="doc-row-check"
            aria-hidden="true"
            tabIndex={-1}
            checked={ticked.has(row.id)}
            onClick={(e) => e.stopPropagation()}
            onChange={(e) => {
              const native = e.nativeEvent
              const range = native instanceof MouseEvent && native.shiftKey
              annotate.getState().toggleSelected(row.id, range)
            }}
          />
          <span className="doc-row-id">#{row.id}</span>
          <span className="doc-row-labels">
            {row.labelIds.length === 0 ? (
              <span className="doc-row-unlabeled">unlabeled</span>
            ) : (
              row.labelIds.map((id) => {
                const label = labels.get(id)
                return (
                  <span key={id} className="chip" style={{ borderColor: label?.color }}>
                    {label?.name ?? id}
                  </span>
                )
              })
            )}
          </span>
        </span>
        <span className="doc-row-preview">
          {row.title ? `${row.title} — ` : ''}
          {row.preview}
        </span>
      </div>,
    )
  }

  const activeRendered =
    current && position !== null && position >= range.start && position < range.end
  return (
    <div
      ref={ref}
      className="doc-list"
      role="listbox"
      aria-label="Documents"
      tabIndex={0}
      aria-multiselectable="true"
      aria-activedescendant={activeRendered ? `doc-row-${current.id}` : undefined}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={(e) => {
        // Shift+Space in the list ticks the open document (Space alone accepts a suggestion).
        if (e.key !== ' ' || !e.shiftKey || !current) return
        e.preventDefault()
        annotate.getState().toggleSelected(current.id)
      }}
    >
      <div className="doc-list-inner" style={{ height: count * ROW_HEIGHT }}>
        {rows}
      </div>
      {total === 0 ? <p className="hint doc-list-empty">No document matches this filter.</p> : null}
    </div>
  )
}
