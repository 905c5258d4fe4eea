import { ApiError } from '../../../src-main/api/errors'

/** Field separators a CSV/TSV file may use; `auto` sniffs one from the first lines. */
export const DELIMITERS = [',', '\t', ';', '|'] as const
export type Delimiter = (typeof DELIMITERS)[number]

export interface DelimitedRecord {
  /** 1-based line where the record starts (a quoted field may span several lines). */
  line: number
  fields: string[]
  /** Set when the record breaks the quoting rules (strict mode): the row is not to be trusted. */
  problem?: string
}

export interface DelimitedReaderOptions {
  /** Default `auto`: sniffed from the first lines. */
  delimiter?: Delimiter | 'auto'
  /**
   * `strict` (default): a quote inside an unquoted field, or text after a closing quote, marks the
   * record with a `problem`. `lenient` keeps such quotes as text.
   */
  quotes?: 'strict' | 'lenient'
  /** Named in errors (a file name). */
  source?: string
}

const QUOTE = 34
const CR = 13
const LF = 10
/** Text buffered before the delimiter is sniffed. */
const SNIFF_CHARS = 64 * 1024
const SNIFF_LINES = 20

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: the end of the field, or the first of `""`. */
  QuoteSeen,
}

/**
 * The one CSV/TSV reader (dataset import, train/evaluate/label data files, predict file
 * sources): RFC 4180 quotes with `""` escapes and line breaks inside quotes, `\n`, `\r\n` or `\r`
 * line ends, fed chunk by chunk (a field may span chunks). Blank lines are skipped. A quote that is
 * never closed fails the whole file with VALIDATION naming the line where it opened.
 */
export class DelimitedReader {
  private delimiterCode = 0
  private chosen: Delimiter | null
  private readonly strict: boolean
  private readonly source: string
  private sniffBuffer = ''
  private records: DelimitedRecord[] = []
  private fields: string[] = []
  /** The field's text so far: its first piece, and any more (a field may span chunks or `""`). */
  private part: string | null = null
  private parts: string[] = []
  private state = State.FieldStart
  private problem: string | undefined
  private line = 1
  private recordLine = 1
  private quoteLine = 1
  private afterCr = false
  private quotedCr = false
  private chunkHasCr = false

  constructor(options: DelimitedReaderOptions = {}) {
    const wanted = options.delimiter ?? 'auto'
    this.chosen = wanted === 'auto' ? null : wanted
    if (this.chosen) this.delimiterCode = this.chosen.charCodeAt(0)
    this.strict = (options.quotes ?? 'strict') === 'strict'
    this.source = options.source ?? 'The file'
  }

  /** The delimiter in use (null until enough text was seen to sniff it). */
  get delimiter(): Delimiter | null {
    return this.chosen
  }

  push(chunk: string): DelimitedRecord[] {
    if (this.chosen === null) {
      this.sniffBuffer += chunk
      if (this.sniffBuffer.length < SNIFF_CHARS && countLines(this.sniffBuffer) < SNIFF_LINES)
        return []
      this.startAfterSniff()
      return this.take()
    }
    this.parse(chunk)
    return this.take()
  }

  end(): DelimitedRecord[] {
    if (this.chosen === null) this.startAfterSniff()
    if (this.state === State.Quoted) {
      throw new ApiError(
        'VALIDATION',
        `${this.source}, line ${this.quoteLine}: a quoted field is never closed. Close the quote ` +
          '(or double a quote inside a quoted field as "") and try again.',
        { line: this.quoteLine },
      )
    }
    if (this.state !== State.FieldStart || this.fields.length > 0) {
      this.endField()
      this.endRecord()
    }
    return this.take()
  }

  private startAfterSniff(): void {
    const text = this.sniffBuffer
    this.sniffBuffer = ''
    this.chosen = sniffDelimiter(text)
    this.delimiterCode = this.chosen.charCodeAt(0)
    this.parse(text)
  }

  private parse(chunk: string): void {
    const d = this.delimiterCode
    const n = chunk.length
    this.chunkHasCr = chunk.includes('\r')
    let start = 0
    let i = 0
    if (this.afterCr) {
      this.afterCr = false
      if (chunk.charCodeAt(0) === LF) start = i = 1
    }
    while (i < n) {
      switch (this.state) {
        case State.FieldStart: {
          const c = chunk.charCodeAt(i)
          if (c === QUOTE) {
            this.state = State.Quoted
            this.quoteLine = this.line
            start = ++i
          } else if (c === d) {
            this.fields.push('')
            start = ++i
          } else if (c === LF || c === CR) {
            this.endField()
            start = i = this.endLine(chunk, i)
          } else this.state = State.Unquoted
          break
        }
        case State.Unquoted: {
          let c = 0
          while (i < n) {
            c = chunk.charCodeAt(i)
            if (c === d || c === LF || c === CR || c === QUOTE) break
            i++
          }
          if (i === n) break
          if (c === QUOTE) {
            if (this.strict) this.problem ??= 'a quote inside an unquoted field'
            i++
            break
          }
          this.addPart(chunk.slice(start, i))
          this.endField()
          start = i = c === d ? i + 1 : this.endLine(chunk, i)
          break
        }
        case State.Quoted: {
          const q = chunk.indexOf('"', i)
          const end = q === -1 ? n : q
          this.countQuotedLines(chunk, i, end)
          if (q === -1) {
            i = n
            break
          }
          this.addPart(chunk.slice(start, q))
          this.state = State.QuoteSeen
          i = q + 1
          break
        }
        case State.QuoteSeen: {
          const c = chunk.charCodeAt(i)
          if (c === QUOTE) {
            this.state = State.Quoted
            start = i++
          } else if (c === d) {
            this.endField()
            start = ++i
          } else if (c === LF || c === CR) {
            this.endField()
            start = i = this.endLine(chunk, i)
          } else {
            if (this.strict) this.problem ??= 'text after a closing quote'
            this.state = State.Unquoted
            start = i
          }
          break
        }
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) {
      if (start < n) this.addPart(chunk.slice(start))
    }
  }

  /** Ends the record at the line break at `i`; returns the index after it (`\r\n` is one break). */
  private endLine(chunk: string, i: number): number {
    this.endRecord()
    if (chunk.charCodeAt(i) !== CR) return i + 1
    if (i + 1 < chunk.length) return chunk.charCodeAt(i + 1) === LF ? i + 2 : i + 1
    this.afterCr = true
    return i + 1
  }

  private countQuotedLines(chunk: string, from: number, to: number): void {
    if (!this.chunkHasCr) {
      // The common case: no carriage returns, so count line feeds only.
      if (this.quotedCr && chunk.charCodeAt(from) === LF) from++
      this.quotedCr = false
      for (let k = chunk.indexOf('\n', from); k !== -1 && k < to; k = chunk.indexOf('\n', k + 1))
        this.line++
      return
    }
    for (let k = from; k < to; k++) {
      const c = chunk.charCodeAt(k)
      if (c === LF) {
        if (!this.quotedCr) this.line++
        this.quotedCr = false
      } else if (c === CR) {
        this.line++
        this.quotedCr = true
      } else this.quotedCr = false
    }
  }

  private addPart(text: string): void {
    if (this.part === null) this.part = text
    else this.parts.push(text)
  }

  private endField(): void {
    // Line breaks inside quotes are kept exactly (`\r\n` stays), so raw files read back unchanged.
    const { part, parts } = this
    this.fields.push(part === null ? '' : parts.length === 0 ? part : part + parts.join(''))
    this.part = null
    if (parts.length > 0) this.parts = []
    this.state = State.FieldStart
  }

  private endRecord(): void {
    const fields = this.fields
    const blank = fields.length === 1 && fields[0] === ''
    if (!blank) {
      const record: DelimitedRecord = { line: this.recordLine, fields }
      if (this.problem !== undefined) {
        record.problem = `${this.problem} (check the quotes)`
      }
      this.records.push(record)
    }
    this.fields = []
    this.problem = undefined
    this.line++
    this.recordLine = this.line
  }

  private take(): DelimitedRecord[] {
    const records = this.records
    this.records = []
    return records
  }
}

function countLines(text: string): number {
  let n = 0
  for (let at = text.indexOf('\n'); at !== -1 && n < SNIFF_LINES; at = text.indexOf('\n', at + 1))
    n++
  return n
}

/**
 * The delimiter whose count is the same on most of the first lines (outside quotes), preferring
 * the one the header has most of; a file with none of them is one column (comma).
 */
export function sniffDelimiter(text: string): Delimiter {
  const perLine: Record<Delimiter, number[]> = { ',': [0], '\t': [0], ';': [0], '|': [0] }
  let inQuotes = false
  let lines = 1
  for (let i = 0; i < text.length && lines <= SNIFF_LINES; i++) {
    const ch = text[i]!
    if (ch === '"') inQuotes = !inQuotes
    else if (inQuotes) continue
    else if (ch === '\n') {
      lines++
      for (const d of DELIMITERS) perLine[d].push(0)
    } else if (ch in perLine) {
      const counts = perLine[ch as Delimiter]
      counts[counts.length - 1]!++
    }
  }
  let best: Delimiter = ','
  let bestScore = 0
  for (const d of DELIMITERS) {
    const counts = perLine[d].filter((_, i, all) => i < all.length - 1 || all.length === 1)
    const header = counts[0] ?? 0
    if (header === 0) continue
    const agreeing = counts.filter((n) => n === header).length / counts.length
    const score = agreeing * 1000 + Math.min(header, 999)
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}

/** Every record of a small CSV text held whole (rule files, term tables); bad quotes fail. */
export function readDelimitedText(
  text: string,
  source: string,
  delimiter: Delimiter | 'auto' = ',',
): DelimitedRecord[] {
  const reader = new DelimitedReader({ delimiter, source })
  const records = [...reader.push(text.replace(/^\uFEFF/, '')), ...reader.end()]
  const bad = records.find((r) => r.problem !== undefined)
  if (bad) throw new ApiError('VALIDATION', `${source} line ${bad.line}: ${bad.problem}.`)
  return records
}
