import { describe, expect, it } from 'vitest'
import { DelimitedReader, readDelimitedText } from '../../../../src-worker/ml/io/delimited-reader'
import { createCsvWriter, UTF8_BOM } from '../../../../src-worker/ml/io/csv-writer'

/** Cells a person can type into a post or a name, including what Excel would run as a formula. */
const TRICKY = [
  'plain',
  '中文，全形逗號',
  'with,comma',
  'with\ttab',
  'say "hi"',
  '"',
  'line\nbreak',
  'cr\ronly',
  '=1+1',
  '=HYPERLINK("http://example.com/x","click me")',
  '+1+cmd',
  '-1+1',
  '-dash',
  '@SUM(A1:A2)',
  '\tleading tab',
  '\rleading carriage return',
  ' padded ',
  'trailing tab\t',
  '',
  '-0.25',
  "'already quoted",
]

/** The one reader, fed small pieces so records and quotes cross chunk boundaries. */
async function readBack(text: string, delimiter: ',' | '\t'): Promise<string[][]> {
  const reader = new DelimitedReader({ delimiter })
  const rows: string[][] = []
  for (let i = 0; i < text.length; i += 5)
    for (const record of reader.push(text.slice(i, i + 5))) rows.push(record.fields)
  for (const record of reader.end()) rows.push(record.fields)
  return rows
}

/** The same reader over the whole text, delimiter sniffed. */
function parseBack(text: string): string[][] {
  return readDelimitedText(text, 'test', 'auto').map((r) => r.fields)
}

/** Every tricky cell once as a row of its own, between two plain cells. */
const rows = TRICKY.map((cell, i) => [String(i), cell, 'end'])

describe('createCsvWriter raw', () => {
  it.each([',', '\t'] as const)(
    'reads back exactly through the importer reader (delimiter %j)',
    async (delimiter) => {
      const csv = createCsvWriter({ flavour: 'raw', delimiter })
      const text = csv.start + rows.map((r) => csv.row(r)).join('')
      expect(text.startsWith(UTF8_BOM)).toBe(false)
      expect(await readBack(text, delimiter)).toEqual(rows)
    },
  )

  it('reads back exactly through the worker reader, carriage returns and CRLF included', () => {
    const csv = createCsvWriter({ flavour: 'raw' })
    const withCrlf = [...rows, ['x', 'windows\r\nline', 'trailing cr\r']]
    expect(parseBack(withCrlf.map((r) => csv.row(r)).join(''))).toEqual(withCrlf)
  })

  it('leaves formula-like cells as they are and quotes only what needs it', () => {
    const csv = createCsvWriter({ flavour: 'raw' })
    expect(csv.row(['=1+1', '-x', '@a', 'a,b', 'q"q', 'a\tb'])).toBe(
      '=1+1,-x,@a,"a,b","q""q",a\tb\n',
    )
    const tsv = createCsvWriter({ flavour: 'raw', delimiter: '\t' })
    expect(tsv.row(['=1+1', 'a,b', 'a\tb', 'l\nb'])).toBe('=1+1\ta,b\t"a\tb"\t"l\nb"\n')
    expect(csv.cell('\tx')).toBe('"\tx"')
    expect(csv.cell(' x')).toBe('" x"')
  })
})

describe('createCsvWriter excel', () => {
  it('starts the file with a UTF-8 byte-order mark', () => {
    const csv = createCsvWriter({ flavour: 'excel' })
    expect(csv.start).toBe(UTF8_BOM)
    expect(Buffer.from(csv.start + csv.row(['中文']), 'utf8').subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    )
  })

  it.each([',', '\t'] as const)(
    'puts a quote mark before each dangerous leading character (delimiter %j)',
    (delimiter) => {
      const csv = createCsvWriter({ flavour: 'excel', delimiter })
      const d = delimiter
      expect(csv.cell('=1+1')).toBe("'=1+1")
      expect(csv.cell('+1+cmd')).toBe("'+1+cmd")
      expect(csv.cell('-1+1')).toBe("'-1+1")
      expect(csv.cell('-dash')).toBe("'-dash")
      expect(csv.cell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)")
      // A tab or carriage return is then inside the cell, so the cell is quoted too.
      expect(csv.cell('\tleading tab')).toBe(d === '\t' ? `"'\tleading tab"` : "'\tleading tab")
      expect(csv.cell('\rleading cr')).toBe(`"'\rleading cr"`)
      // Neutralised first, then quoted: the quote mark ends up inside the quotes.
      expect(csv.cell(`=HYPERLINK("http://x"${d}"y")`)).toBe(`"'=HYPERLINK(""http://x""${d}""y"")"`)
      expect(csv.cell('=a\nb')).toBe(`"'=a\nb"`)
    },
  )

  it('leaves plain numbers, safe text and formula characters further in alone', () => {
    const csv = createCsvWriter({ flavour: 'excel' })
    for (const safe of ['-0.25', '+3', '-12', '1e-5', '-.5', 'a=b', 'x-y', 'me@example.com', ''])
      expect(csv.cell(safe)).toBe(safe)
    expect(csv.cell("'already")).toBe("'already")
  })

  it('reads back as the text with a leading quote mark on the neutralised cells', async () => {
    for (const delimiter of [',', '\t'] as const) {
      const csv = createCsvWriter({ flavour: 'excel', delimiter })
      const text = csv.start + rows.map((r) => csv.row(r)).join('')
      const back = await readBack(text.slice(1), delimiter)
      const neutralised = (cell: string) =>
        /^[=@\t\r]/.test(cell) || (/^[+-]/.test(cell) && cell !== '-0.25') ? `'${cell}` : cell
      expect(back).toEqual(rows.map((r) => r.map(neutralised)))
    }
  })
})
