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
    } else {
      field += '\n'
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]
      if (inQuotes) {
        if (ch !== '"') field += ch
        else if (text[i + 1] === '"') {
          field += '"'
          i++
        } else inQuotes = false
      } else if (ch === '"' && field.length === 0) inQuotes = true
      else if (ch === delimiter) {
        fields.push(field)
        field = ''
      } else field += ch
    }
    if (inQuotes) continue
    fields.push(field)
    yield { fields, line: startLine }
    fields = []
    field = ''
  }
  if (inQuotes) throw new CsvSyntaxError('a quoted field is never closed', startLine)
}

/** Comma or tab, whichever the header line has more of. */
export function sniffDelimiter(headerLine: string): ',' | '\t' {
  const tabs = headerLine.split('\t').length
  const commas = headerLine.split(',').length
  return tabs > commas ? '\t' : ','
}
