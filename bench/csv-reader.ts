/**
 * The CSV reader against csv-parse on the same text: 1M rows of (id, post of 50–400 characters,
 * labels, author, score) written by the app's CSV writer, some posts holding commas, quotes or
 * line breaks. Both are fed the same 1 MB string chunks (as imports read files) and must produce
 * the same records; prints rows/s and MB/s. Run: npm run bench:csv-reader  (ROWS=200000 quicker)
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parse } from 'csv-parse'
import { createCsvWriter } from '../src-worker/ml/io/csv-writer'
import { DelimitedReader } from '../src-worker/ml/io/delimited-reader'

const ROWS = Number(process.env.ROWS ?? 1_000_000)
const ROUNDS = 3
const CHUNK = 1 << 20
const root = join(import.meta.dirname, '..')
const demo = readFileSync(join(root, 'resources/demo/audience-posts.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { text: string; label: string[]; author: string })

function corpus(): string[] {
  const csv = createCsvWriter({ flavour: 'raw' })
  const chunks: string[] = []
  let text = csv.row(['id', 'text', 'label', 'author', 'score'])
  for (let i = 0; i < ROWS; i++) {
    const parts = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => demo[(i * 7 + k * 13) % demo.length]!)
    let post = parts
      .map((p) => p.text)
      .join(' ')
      .slice(0, 50 + (i % 351))
    if (i % 10 === 3) post = `${post}\nsecond line, with "quotes"`
    const score = (((i % 200) - 100) / 97).toFixed(4)
    text += csv.row([String(i), post, parts[0]!.label.join('#'), parts[0]!.author, score])
    if (text.length >= CHUNK) {
      chunks.push(text.slice(0, CHUNK))
      text = text.slice(CHUNK)
    }
  }
  chunks.push(text)
  return chunks
}

async function handWritten(chunks: string[]): Promise<number> {
  const reader = new DelimitedReader({ delimiter: 'auto' })
  let rows = 0
  for (const chunk of chunks) rows += reader.push(chunk).length
  return rows + reader.end().length
}

async function csvParse(chunks: string[]): Promise<number> {
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, info: false })
  let rows = 0
  const done = (async () => {
    for await (const _ of parser) rows++
  })()
  for (const chunk of chunks) {
    if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve))
  }
  parser.end()
  await done
  return rows
}

async function main() {
  const chunks = corpus()
  const mb = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0) / 1e6
  console.log(`${ROWS} rows, ${mb.toFixed(0)} MB of CSV`)
  for (const [name, read] of [
    ['hand-written DelimitedReader', handWritten],
    ['csv-parse 7', csvParse],
  ] as const) {
    let best = Infinity
    let rows = 0
    for (let round = 0; round < ROUNDS; round++) {
      const t = performance.now()
      rows = await read(chunks)
      best = Math.min(best, performance.now() - t)
    }
    const s = best / 1000
    console.log(
      `${name.padEnd(30)} ${(rows / s / 1e6).toFixed(2).padStart(6)} M rows/s ` +
        `${(mb / s).toFixed(0).padStart(5)} MB/s  (${rows - 1} data rows)`,
    )
  }
}

void main()
