import { useEffect, useMemo, useRef } from 'react'
import { HighlightedText } from '../../components/HighlightedText'
import { searchSpans } from '../../lib/highlight'
import {
  selectAnnotateDatasetId,
  selectCurrent,
  selectFilter,
  selectPosition,
  selectTotal,
} from '../../stores/annotate/selectors'
import { workbenchMatchOf } from '../../stores/rules/selectors'
import { useAnnotate, useRules } from '../../stores/hooks'

/** The document being labeled, large and readable; long texts scroll inside the pane. */
export function DocumentPane() {
  const current = useAnnotate(selectCurrent)
  const position = useAnnotate(selectPosition)
  const total = useAnnotate(selectTotal)
  const textRef = useRef<HTMLDivElement>(null)
  const datasetId = useAnnotate(selectAnnotateDatasetId)
  const query = useAnnotate(selectFilter).query
  const text = current?.text ?? ''
  // Rule matches come from the Rules workbench's last run, when it listed this document: there is
  // no per-document rule call, so other documents show search matches only.
  const ruleMatch = useRules(workbenchMatchOf(datasetId, current?.id ?? null, text))
  const spans = useMemo(
    () => [...searchSpans(text, query), ...(ruleMatch?.spans ?? [])],
    [text, query, ruleMatch],
  )

  // A new document starts at its top.
  useEffect(() => {
    if (textRef.current) textRef.current.scrollTop = 0
  }, [current?.id])

  if (!current) {
    return (
      <section className="doc-pane doc-pane-empty" aria-label="Document">
        <p className="hint">No document to show.</p>
      </section>
    )
  }

  const facts: [string, string][] = []
  if (current.title) facts.push(['Title', current.title])
  if (current.author) facts.push(['Author', current.author])
  if (current.sourceId) facts.push(['Source', current.sourceId])
  if (current.postTime) facts.push(['Time', current.postTime])
  if (current.split) facts.push(['Split', current.split])

  return (
    <section className="doc-pane" aria-label="Document">
      <header className="doc-pane-head">
        <span className="doc-pane-id">
          Document #{current.id}
          {position !== null && total !== null ? (
            <span className="hint">
              {' '}
              · {position + 1} of {total}
            </span>
          ) : null}
        </span>
        {facts.length > 0 ? (
          <dl className="doc-facts">
            {facts.map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </header>
      <div
        ref={textRef}
        className="doc-text"
        tabIndex={0}
        role="document"
        aria-label="Document text"
        data-document-id={current.id}
      >
        <HighlightedText text={current.text} spans={spans} />
      </div>
    </section>
  )
}
