import type { TextLine } from './lines'
import { emptyRecord, problem, type ExportDocument, type ParseItem } from './record'

const PREFIX = '__label__'

/** fastText: `__label__a __label__b text` — leading `__label__` tokens are labels, the rest is text. */
export async function* parseFastText(lines: AsyncIterable<TextLine>): AsyncGenerator<ParseItem> {
  for await (const { text, line } of lines) {
    if (text.trim().length === 0) continue
    const tokens = text.trim().split(/\s+/)
    const labels: string[] = []
    while (tokens[0]?.startsWith(PREFIX)) labels.push((tokens.shift() ?? '').slice(PREFIX.length))
    const body = tokens.join(' ')
    if (body.length === 0) {
      yield problem(line, 'missing-text', 'labels but no text; line skipped')
      continue
    }
    const named = [...new Set(labels.filter((l) => l.length > 0))]
    if (named.length === 0)
      yield problem(line, 'empty-labels', 'no __label__ tokens; imported unlabeled')
    yield { record: { ...emptyRecord(line, body), labels: named } }
  }
}

/** fastText keeps one document per line: line breaks and runs of spaces become one space. */
export function fastTextLine(doc: ExportDocument): string {
  const labels = doc.labels.map((l) => PREFIX + l.replace(/\s+/g, '_'))
  return [...labels, oneLine(doc.text)].join(' ')
}

export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()
