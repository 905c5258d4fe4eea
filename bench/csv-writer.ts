/**
 * The CSV writer against csv-stringify on the same rows: 1M rows of (id, post of 50–400 characters,
 * labels, author, score), some posts holding commas, quotes, line breaks or a leading = / -.
 * Formats in batches of 10,000 rows, as the exports and sinks do, and prints rows/s and MB/s of
 * UTF-8 output for both flavours. Run: npm run bench:csv  (ROWS=200000 for a quicker run)
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { stringify } from 'csv-stringify/sync'
import { createCsvWriter } from '../src-worker/ml/io/csv-writer'

const ROWS = Number(process.env.ROWS ?? 1_000_000)
const BATCH = 10_000
const ROUNDS = 3
const root = join(import.meta.dirname, '..')
const demo = readFileSync(join(root, 'resources/demo/audience-posts.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { text: string; label: string[]; author: string })

/** 20,000 distinct rows, cycled: enough variety that nothing is cached between rows. */
function rowPool(): string[][] {
  const pool: string[][] = []
  for (let i = 0; i < 20_000; i++) {
    const parts = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => demo[(i * 7 + k * 13) % demo.length]!)
    let text = parts
      .map((p) => p.text)
      .join(' ')
      .slice(0, 50 + (i % 351))
    if (i % 10 === 1) text = `=HYPERLINK("x", ${text})`
    if (i % 10 === 2) text = `-${text}`
    if (i % 10 === 3) text = `${text}\nsecond line, with "quotes"`
    const score = ((i % 200) - 100) / 97
    pool.push([String(i), text, parts[0]!.label.join('#'), parts[0]!.author, score.toFixed(4)])
  }
  return pool
}

type Format = (batch: string[][], first: boolean) => string

function run(name: string, format: Format, pool: string[][]) {
  let best = Infinity
  let bytes = 0
  for (let round = 0; round < ROUNDS; round++) {
    let ms = 0
    bytes = 0
    for (let start = 0; start < ROWS; start += BATCH) {
      const batch: string[][] = []
      for (let i = start; i < Math.min(ROWS, start + BATCH); i++) batch.push(pool[i % pool.length]!)
      const t = performance.now()
      const text = format(batch, start === 0)
      ms += performance.now() - t
      bytes += Buffer.byteLength(text)
    }
    best = Math.min(best, ms)
  }
  const seconds = best / 1000
  console.log(
    `${name.padEnd(28)} ${(ROWS / seconds / 1e6).toFixed(2).padStart(6)} M rows/s ` +
      `${(bytes / seconds / 1e6).toFixed(0).padStart(5)} MB/s  (${(bytes / 1e6).toFixed(0)} MB, best of ${ROUNDS}: ${best.toFixed(0)} ms)`,
  )
}

function main(): void {
  const pool = rowPool()
  console.log(`${ROWS} rows, batches of ${BATCH}, node ${process.version}`)
  for (const flavour of ['raw', 'excel'] as const) {
    const writer = createCsvWriter({ flavour })
    run(
      `hand-written ${flavour}`,
      (batch, first) => {
        let text = first ? writer.start : ''
        for (const cells of batch) text += writer.row(cells)
        return text
      },
      pool,
    )
    const options = flavour === 'excel' ? { escape_formulas: true } : {}
    run(
      `csv-stringify ${flavour}`,
      (batch, first) => stringify(batch, { ...options, bom: first && flavour === 'excel' }),
      pool,
    )
  }
}

main()
