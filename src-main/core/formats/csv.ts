import type { TextLine } from './lines'

export interface CsvRecord {
  fields: string[]
  /** Line where the record starts (a quoted field may span several lines). */
  line: number
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
  }
}

/**
 * RFC 4180 records from lines: fields separated by `delimiter`, `"` quotes with `""` escapes, and
 * line breaks inside quotes. Blank lines are skipped.
 */
export async function* readCsvRecords(
  lines: AsyncIterable<TextLine>,
  delimiter: string,
): AsyncGenerator<CsvRecord> {
  let fields: string[] = []
  let field = ''
  let inQuotes = false
  let startLine = 0
  for await (const { text, line } of lines) {
    if (!inQuotes) {
      if (text.length === 0) continue
      startLine = line
      // Most lines quote nothing: split them at once (the import's hot path).
      if (!text.includes('"')) {
        yield { fields: text.split(delimiter), line }
        continue
      }
    } else {
      field += '\n'
    }
    // Copy runs between quotes and delimiters as slices rather than character by character.
    let i = 0
    while (i < text.length) {
      if (inQuotes) {
        const quote = text.indexOf('"', i)
        if (quote === -1) {
          field += text.slice(i)
          break
        }
        field += text.slice(i, quote)
        if (text[quote + 1] === '"') {
          field += '"'
          i = quote + 2
        } else {
          inQuotes = false
          i = quote + 1
        }
      } else if (text[i] === '"' && field.length === 0) {
        inQuotes = true
        i++
      } else {
        const end = text.indexOf(delimiter, i)
        if (end === -1) {
          field += text.slice(i)
          break
        }
        fields.push(field + text.slice(i, end))
        field = ''
        i = end + 1
      }
    }
    if (inQuotes) continue
    fields.push(field)
    yield { fields, line: startLine }
    fields = []
    field = ''
  }
  if (inQuotes) throw new CsvSyntaxError('a quoted field is never closed', startLine)
}

/** Quotes a field when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter: string): string {
  const needsQuotes =
    value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value
}

/** Comma or tab, whichever the header line has more of. */
export function sniffDelimiter(headerLine: string): ',' | '\t' {
  const tabs = headerLine.split('\t').length
  const commas = headerLine.split(',').length
  return tabs > commas ? '\t' : ','
}
