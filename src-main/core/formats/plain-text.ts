import type { TextLine } from './lines'
import { emptyRecord, type ParseItem } from './record'

/** Plain text: every non-blank line is one unlabeled document. */
export async function* parsePlainText(lines: AsyncIterable<TextLine>): AsyncGenerator<ParseItem> {
  for await (const { text, line } of lines) {
    if (text.trim().length === 0) continue
    yield { record: emptyRecord(line, text) }
  }
}
