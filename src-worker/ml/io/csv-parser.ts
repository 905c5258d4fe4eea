export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number
  fields: string[]
}

const COMMA = 44
const QUOTE = 34
const CR = 13
const LF = 10

/**
 * RFC 4180 parser fed chunk by chunk: quoted fields may hold commas, quotes ("") and line breaks
 * and may span chunks. Call push() per chunk and end() once; records come back in batches.
 */
export class CsvParser {
  private records: CsvRecord[] = []
  private fields: string[] = []
  private parts: string[] = []
  private state: 'start' | 'plain' | 'quoted' | 'quote' = 'start'
  private line = 1
  private recordLine = 1
  private skipLf = false

  push(chunk: string): CsvRecord[] {
    let start = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (this.skipLf) {
        this.skipLf = false
        if (c === LF) {
          start = i + 1
          continue
        }
      }
      switch (this.state) {
        case 'start':
        case 'plain':
          if (c === COMMA || c === CR || c === LF) {
            this.parts.push(chunk.slice(start, i))
            this.endField()
            if (c !== COMMA) this.endRecord(c)
            start = i + 1
          } else if (c === QUOTE && this.state === 'start') {
            this.state = 'quoted'
            start = i + 1
          } else this.state = 'plain'
          break
        case 'quoted':
          if (c === QUOTE) {
            this.parts.push(chunk.slice(start, i))
            this.state = 'quote'
          } else if (c === LF) this.line++
          break
        case 'quote':
          if (c === QUOTE) {
            this.state = 'quoted'
            start = i
          } else if (c === COMMA || c === CR || c === LF) {
            this.endField()
            if (c !== COMMA) this.endRecord(c)
            start = i + 1
          } else {
            throw new Error(`CSV line ${this.line}: unexpected text after a closing quote.`)
          }
          break
      }
    }
    if (this.state === 'plain' || this.state === 'start' || this.state === 'quoted') {
      this.parts.push(chunk.slice(start))
    }
    return this.take()
  }

  end(): CsvRecord[] {
    if (this.state === 'quoted') {
      throw new Error(`CSV line ${this.recordLine}: a quoted field is never closed.`)
    }
    if (this.fields.length > 0 || this.parts.some((part) => part.length > 0)) {
      this.endField()
      this.endRecord(LF)
    }
    return this.take()
  }

  private endField(): void {
    this.fields.push(this.parts.length === 1 ? this.parts[0]! : this.parts.join(''))
    this.parts = []
    this.state = 'start'
  }

  private endRecord(terminator: number): void {
    const blank = this.fields.length === 1 && this.fields[0] === ''
    if (!blank) this.records.push({ line: this.recordLine, fields: this.fields })
    this.fields = []
    this.line++
    this.recordLine = this.line
    this.skipLf = terminator === CR
  }

  private take(): CsvRecord[] {
    const records = this.records
    this.records = []
    return records
  }
}
