import { describe, expect, it } from 'vitest'
import { CsvSyntaxError, readCsvRecords, type CsvRecord } from '../../../src-main/core/formats/csv'
import type { TextLine } from '../../../src-main/core/formats/lines'

/** The RFC 4180 reading rules one character at a time: what the sliced reader must match. */
function reference(lines: TextLine[], delimiter: string): CsvRecord[] | 'unclosed' {
  const out: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let inQuotes = false
  let startLine = 0
  for (const { text, line } of lines) {
    if (!inQuotes) {
      if (text.length === 0) continue
      startLine = line
    } else field += '\n'
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
    out.push({ fields, line: startLine })
    fields = []
    field = ''
  }
  return inQuotes ? 'unclosed' : out
}

async function read(lines: TextLine[], delimiter: string): Promise<CsvRecord[] | 'unclosed'> {
  async function* source() {
    yield* lines
  }
  const out: CsvRecord[] = []
  try {
    for await (const record of readCsvRecords(source(), delimiter)) out.push(record)
  } catch (error) {
    if (error instanceof CsvSyntaxError) return 'unclosed'
    throw error
  }
  return out
}

describe('readCsvRecords', () => {
  it('reads quotes, doubled quotes, delimiters and line breaks exactly like the RFC 4180 rules', async () => {
    let seed = 42
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const alphabet = ['a', 'b', '珍', ' ', '"', '"', ',', '\t', '""']
    for (let run = 0; run < 3000; run++) {
      const lines: TextLine[] = []
      const count = 1 + Math.floor(next() * 4)
      for (let n = 1; n <= count; n++) {
        let text = ''
        const length = Math.floor(next() * 12)
        for (let c = 0; c < length; c++) text += alphabet[Math.floor(next() * alphabet.length)]
        lines.push({ text, line: n })
      }
      for (const delimiter of [',', '\t']) {
        expect(await read(lines, delimiter), JSON.stringify(lines)).toEqual(
          reference(lines, delimiter),
        )
      }
    }
  })
})
