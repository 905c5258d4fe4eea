import { useMemo } from 'react'
import { highlightSegments, type Span } from '../lib/highlight'

/** The text with each matched span in <mark>. */
export function HighlightedText({ text, spans }: { text: string; spans: readonly Span[] }) {
  const segments = useMemo(() => highlightSegments(text, spans), [text, spans])
  return (
    <span>
      {segments.map((s, i) =>
        s.marked ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </span>
  )
}
