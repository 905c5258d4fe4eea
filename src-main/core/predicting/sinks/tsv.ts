import type { OutputRow } from '../types'

const SPECIAL = /[\\\t\n\r\0]/g
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
}

/** A LOAD DATA field: backslash escapes, `\N` for NULL. */
export function tsvField(value: string | null): string {
  if (value === null) return '\\N'
  return SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ESCAPES[c]!) : value
}

const CHUNK_BYTES = 1 << 20

/** LOAD DATA LOCAL sends each chunk as one packet: keep them well under max_allowed_packet. */
export function chunked(data: Buffer): Buffer[] {
  const chunks: Buffer[] = []
  for (let at = 0; at < data.length; at += CHUNK_BYTES)
    chunks.push(data.subarray(at, at + CHUNK_BYTES))
  return chunks
}

/** One line per row in OUTPUT_COLUMNS order (sql/output-tables.ts). */
export function toTsv(rows: readonly OutputRow[], taskId: string): string {
  let text = ''
  for (const r of rows) {
    text += `${tsvField(r.id)}\t${taskId}\t${tsvField(r.author)}\t${tsvField(r.label)}\t${r.score}\t${tsvField(r.model)}\t${tsvField(r.postTime)}\t${tsvField(r.sourceId)}\t${tsvField(r.matched)}\n`
  }
  return text
}
