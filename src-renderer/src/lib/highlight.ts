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

/** A user's text as a literal regular expression (every syntax character escaped). */
export function literalPattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
}

/**
 * Where a search query occurs in a text, as the list's search finds it: the trimmed query as one
 * literal phrase, case-insensitive (Unicode case folding, so "É" finds "é"; CJK has no case).
 * Overlapping occurrences ("aa" in "aaa") are all returned; highlightSegments merges them.
 */
export function searchSpans(text: string, query: string): Span[] {
  const phrase = query.trim()
  if (!phrase || !text) return []
  const pattern = new RegExp(literalPattern(phrase), 'giu')
  const spans: Span[] = []
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    spans.push({ start: match.index, end: match.index + match[0].length })
    // Step one code point past the start, not past the match, so overlaps are found too.
    const code = text.codePointAt(match.index) ?? 0
    pattern.lastIndex = match.index + (code > 0xffff ? 2 : 1)
  }
  return spans
}
