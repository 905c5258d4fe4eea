import type { CsvFlavour } from '../../../src-main/api/contract/common'

export type { CsvFlavour }
export type CsvDelimiter = ',' | '\t'

export interface CsvWriterOptions {
  flavour: CsvFlavour
  /** Default `,`; `\t` writes TSV with the same quoting rules. */
  delimiter?: CsvDelimiter
}

/** What every CSV/TSV file the app writes is made of (one writer for exports, details and sinks). */
export interface CsvWriter {
  /** What the file starts with: the UTF-8 byte-order mark for `excel`, nothing for `raw`. */
  readonly start: string
  /** One cell: neutralised for `excel`, then quoted when needed. */
  cell(value: string): string
  /** One record with its `\n`. */
  row(cells: readonly string[]): string
}

export const UTF8_BOM = '\uFEFF'

const NEEDS_QUOTES = { ',': /[",\r\n]/, '\t': /["\t\r\n]/ } as const
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/** Cells Excel would run as a formula (OWASP's list: = + - @ tab, carriage return). */
function startsLikeFormula(value: string): boolean {
  const c = value.charCodeAt(0)
  if (c === 61 || c === 64 || c === 9 || c === 13) return true // = @ \t \r
  // + and - start formulas too, but a plain number like -0.25 is shown as a number, not run.
  return (c === 43 || c === 45) && !NUMBER.test(value)
}

// Leading/trailing spaces are quoted so that readers which trim unquoted cells keep them.
const isSpace = (c: number) => c === 32 || c === 9

/**
 * RFC 4180 with `\n` line ends. `raw` keeps the text exactly (it reads back unchanged); `excel`
 * adds a BOM (so Excel reads UTF-8, e.g. Chinese, correctly) and prefixes formula-like cells
 * with `'` so Excel shows them as text instead of evaluating them (`=HYPERLINK(...)`).
 */
export function createCsvWriter({ flavour, delimiter = ',' }: CsvWriterOptions): CsvWriter {
  const needsQuotes = NEEDS_QUOTES[delimiter]
  const excel = flavour === 'excel'
  const cell = (input: string): string => {
    const value = excel && input.length > 0 && startsLikeFormula(input) ? `'${input}` : input
    const n = value.length
    if (n === 0) return value
    if (
      !needsQuotes.test(value) &&
      !isSpace(value.charCodeAt(0)) &&
      !isSpace(value.charCodeAt(n - 1))
    ) {
      return value
    }
    return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`
  }
  const row = (cells: readonly string[]): string => {
    let line = ''
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) line += delimiter
      line += cell(cells[i]!)
    }
    return line + '\n'
  }
  return { start: excel ? UTF8_BOM : '', cell, row }
}
