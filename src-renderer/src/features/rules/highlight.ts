export interface Span {
  start: number
  end: number
}

export interface Segment {
  text: string
  marked: boolean
}

/**
 * Cuts a text into plain and matched segments for <mark>; overlapping or touching spans merge, and
 * spans outside the text are clipped.
 */
export function highlightSegments(text: string, spans: readonly Span[]): Segment[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(text.length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end)
  const merged: Span[] = []
  for (const span of sorted) {
    const last = merged.at(-1)
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
    else merged.push({ ...span })
  }
  const segments: Segment[] = []
  let at = 0
  for (const span of merged) {
    if (span.start > at) segments.push({ text: text.slice(at, span.start), marked: false })
    segments.push({ text: text.slice(span.start, span.end), marked: true })
    at = span.end
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false })
  return segments
}
