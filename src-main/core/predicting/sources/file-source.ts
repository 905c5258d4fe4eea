import { accessSync, constants } from 'node:fs'
import type { ColumnMapping, TextField } from '../../../api/contract/predicting'
import { ApiError } from '../../../api/errors'
import type { SourceBatch, SourceReader } from '../types'
import { AuthorCounter } from './author-counter'
import { fileRows, type FileRow } from './file-rows'
import { rowFilter, type SourceFilters } from './source-filters'

const TEXT_FIELDS: readonly TextField[] = ['content', 'title', 'author', 'sourceId']

export interface FileSourceSpec extends SourceFilters {
  path: string
  format: 'csv' | 'jsonl'
  columns: ColumnMapping
  fields?: readonly TextField[]
}

/**
 * A CSV/JSONL file streamed in order; the checkpoint is the number of data rows consumed, so a
 * resume skips that many rows. The stream stays open between batches of one run.
 */
export function createFileSource(spec: FileSourceSpec): SourceReader {
  try {
    accessSync(spec.path, constants.R_OK)
  } catch {
    throw new ApiError('VALIDATION', `File ${spec.path} cannot be read. Check the path.`)
  }
  const required = Object.values(spec.columns).filter((c): c is string => c !== undefined)
  const fields = TEXT_FIELDS.filter(
    (f) => spec.columns[f] !== undefined && (!spec.fields || spec.fields.includes(f)),
  )
  const keep = rowFilter(spec)
  const cell = (row: FileRow, field: keyof ColumnMapping) => {
    const column = spec.columns[field]
    return column ? row.get(column) : null
  }
  const matching = async function* () {
    for await (const row of fileRows(spec.path, spec.format, required))
      if (keep(cell(row, 'postTime'), cell(row, 'sourceId'))) yield row
  }
  let stream: { rows: AsyncGenerator<FileRow>; at: number } | null = null

  async function positioned(after: number) {
    if (stream?.at === after) return stream
    await stream?.rows.return(undefined)
    stream = { rows: fileRows(spec.path, spec.format, required), at: 0 }
    while (stream.at < after) {
      const next = await stream.rows.next()
      if (next.done) break
      stream.at = next.value.n
    }
    return stream
  }

  return {
    name: spec.path,
    async estimate() {
      let n = 0
      for await (const _ of matching()) n++
      return { rows: n, exact: true }
    },
    async read(after, limit) {
      const s = await positioned(Number(after ?? 0))
      const rows: FileRow[] = []
      while (rows.length < limit) {
        const next = await s.rows.next()
        if (next.done) break
        s.at = next.value.n
        if (keep(cell(next.value, 'postTime'), cell(next.value, 'sourceId'))) rows.push(next.value)
      }
      if (rows.length === 0) return null
      const texts: SourceBatch['texts'] = {}
      for (const field of fields) texts[field] = rows.map((r) => cell(r, field))
      return {
        size: rows.length,
        ids: rows.map((r) => cell(r, 'id') ?? String(r.n)),
        lastKey: s.at,
        texts,
        postTimes: spec.columns.postTime ? rows.map((r) => cell(r, 'postTime')) : null,
      }
    },
    async cancel() {
      await stream?.rows.return(undefined)
      stream = null
    },
    async reconnect() {
      await this.cancel()
    },
    async textsOf(ids, field) {
      const out = new Map<string, string>()
      const wanted = new Set(ids)
      if (!spec.columns[field] || wanted.size === 0) return out
      for await (const row of matching()) {
        const id = row.get(spec.columns.id)
        if (id !== null && wanted.has(id)) out.set(id, cell(row, field) ?? '')
      }
      return out
    },
    async countAuthors(routes) {
      const counter = new AuthorCounter(routes)
      if (!spec.columns.author) return counter.counts()
      for await (const row of matching()) counter.add(cell(row, 'author'), cell(row, 'sourceId'))
      return counter.counts()
    },
    async close() {
      await this.cancel()
    },
  }
}
