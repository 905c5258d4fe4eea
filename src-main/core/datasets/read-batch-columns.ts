import type { ImportProblem } from '../../api/contract/datasets'
import type { ParsedRecord } from '../formats/record'

/** A parsed record with its content hash, or a problem, in file order. */
export type ReadItem = { record: ParsedRecord; hash: string } | { problem: ImportProblem }

/**
 * A batch of read items as columns, for posting between threads: structured clone copies a
 * thousand records as objects (each with two arrays) at ~7 µs a record, the same data as a few
 * arrays of strings and numbers at ~0.6 µs (measured with structuredClone; the writer thread
 * spent more time receiving records than inserting them).
 */
export interface ReadBatchColumns {
  /** Positions in the batch that hold a problem instead of a record, with the problems. */
  problemAt: number[]
  problems: ImportProblem[]
  line: number[]
  text: string[]
  hash: string[]
  author: (string | null)[]
  title: (string | null)[]
  sourceId: (string | null)[]
  postTime: (string | null)[]
  /** Per record: indexes into `metas`, or -1 (most records carry none). */
  metaAt: number[]
  metas: Record<string, unknown>[]
  /** Labels of every record in order; `labelCount[i]` of them belong to record i. */
  labelCount: number[]
  labels: string[]
  suggestionCount: number[]
  suggestionLabels: string[]
  suggestionScores: (number | null)[]
}

/**
 * A batch as posted to the writer: its problems as columns too (a third of the rows of a file with
 * empty label cells has one; as objects they cost the receiving thread 0.2 µs a row, as columns
 * 0.05).
 */
export type PostedColumns = Omit<ReadBatchColumns, 'problems'> & {
  problemLine: number[]
  problemKind: ImportProblem['kind'][]
  problemMessage: string[]
}

export function toPosted(columns: ReadBatchColumns): PostedColumns {
  const { problems, ...rest } = columns
  const posted: PostedColumns = { ...rest, problemLine: [], problemKind: [], problemMessage: [] }
  for (const p of problems) {
    posted.problemLine.push(p.line)
    posted.problemKind.push(p.kind)
    posted.problemMessage.push(p.message)
  }
  return posted
}

export function fromPosted(posted: PostedColumns): ReadBatchColumns {
  const { problemLine, problemKind, problemMessage, ...rest } = posted
  const problems = problemLine.map((line, i) => ({
    line,
    kind: problemKind[i]!,
    message: problemMessage[i]!,
  }))
  return { ...rest, problems }
}

/**
 * A batch as the importer stages it: the columns, with where each record's labels and suggestions
 * start in the flat columns (taken on arrival, so a record's `labelCount` may shrink afterwards).
 */
export interface ReadBatch {
  columns: ReadBatchColumns
  labelAt: Int32Array
  suggestionAt: Int32Array
}

export function indexBatch(columns: ReadBatchColumns): ReadBatch {
  const records = columns.text.length
  const labelAt = new Int32Array(records)
  const suggestionAt = new Int32Array(records)
  for (let i = 1; i < records; i++) {
    labelAt[i] = labelAt[i - 1]! + columns.labelCount[i - 1]!
    suggestionAt[i] = suggestionAt[i - 1]! + columns.suggestionCount[i - 1]!
  }
  return { columns, labelAt, suggestionAt }
}

export const emptyColumns = (): ReadBatchColumns => ({
  problemAt: [],
  problems: [],
  line: [],
  text: [],
  hash: [],
  author: [],
  title: [],
  sourceId: [],
  postTime: [],
  metaAt: [],
  metas: [],
  labelCount: [],
  labels: [],
  suggestionCount: [],
  suggestionLabels: [],
  suggestionScores: [],
})

/** Items in a batch so far: its records and problems. */
export const itemCount = (c: ReadBatchColumns) => c.text.length + c.problems.length

export function addProblem(c: ReadBatchColumns, problem: ImportProblem): void {
  c.problemAt.push(itemCount(c))
  c.problems.push(problem)
}

export function addRecord(c: ReadBatchColumns, r: ParsedRecord, hash: string): void {
  c.line.push(r.line)
  c.text.push(r.text)
  c.hash.push(hash)
  c.author.push(r.author)
  c.title.push(r.title)
  c.sourceId.push(r.sourceId)
  c.postTime.push(r.postTime)
  c.metaAt.push(r.meta === null ? -1 : c.metas.push(r.meta) - 1)
  c.labelCount.push(r.labels.length)
  for (const label of r.labels) c.labels.push(label)
  c.suggestionCount.push(r.suggestions.length)
  for (const s of r.suggestions) {
    c.suggestionLabels.push(s.label)
    c.suggestionScores.push(s.score)
  }
}

export function packReadItems(items: readonly ReadItem[]): ReadBatchColumns {
  const c = emptyColumns()
  for (const item of items) {
    if ('problem' in item) addProblem(c, item.problem)
    else addRecord(c, item.record, item.hash)
  }
  return c
}

export function unpackReadItems(c: ReadBatchColumns): ReadItem[] {
  const items: ReadItem[] = []
  let problem = 0
  let label = 0
  let suggestion = 0
  for (let i = 0; i < c.text.length; i++) {
    while (c.problemAt[problem] === items.length) items.push({ problem: c.problems[problem++]! })
    const labels = c.labels.slice(label, (label += c.labelCount[i]!))
    const suggestions: ParsedRecord['suggestions'] = []
    for (let end = suggestion + c.suggestionCount[i]!; suggestion < end; suggestion++) {
      const score = c.suggestionScores[suggestion] ?? null
      suggestions.push({ label: c.suggestionLabels[suggestion]!, score })
    }
    const metaAt = c.metaAt[i]!
    items.push({
      hash: c.hash[i]!,
      record: {
        line: c.line[i]!,
        text: c.text[i]!,
        labels,
        author: c.author[i] ?? null,
        title: c.title[i] ?? null,
        sourceId: c.sourceId[i] ?? null,
        postTime: c.postTime[i] ?? null,
        meta: metaAt < 0 ? null : c.metas[metaAt]!,
        suggestions,
      },
    })
  }
  while (problem < c.problems.length) items.push({ problem: c.problems[problem++]! })
  return items
}
