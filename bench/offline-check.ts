/**
 * The predict benchmark's correctness check: a sample of the source rows is labelled offline by
 * `audience label` (the built CLI) with the same model file, and each row's label set must equal the
 * one the predict task wrote to its output table.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { MariaDbConnection } from '../src-main/core/db/mariadb'
import { createCsvWriter } from '../src-worker/ml/io/csv-writer'
import { benchRoot } from './built-workers'

export interface OfflineCheckInput {
  conn: MariaDbConnection
  /** Quoted `schema`.`table` names. */
  source: string
  output: string
  modelPath: string
  dir: string
  sample: number
}

/** Compares the sample's labels; returns the rows whose label sets differ (0 when all agree). */
export async function offlineCheck(
  o: OfflineCheckInput,
): Promise<{ rows: number; pairs: number; differ: number }> {
  const [count] = await o.conn.query(`SELECT COUNT(*) AS n FROM ${o.source}`)
  const every = Math.max(1, Math.floor(Number((count as { n: number }[])[0]!.n) / o.sample))
  const [picked] = await o.conn.query(
    `SELECT id, content FROM ${o.source} WHERE id % ? = 0 ORDER BY id LIMIT ?`,
    [every, o.sample],
  )
  const rows = picked as { id: number; content: string }[]
  const csv = createCsvWriter({ flavour: 'raw' })
  const data = join(o.dir, 'offline-sample.csv')
  const labelled = join(o.dir, 'offline-labelled.csv')
  writeFileSync(
    data,
    [['id', 'content'], ...rows.map((r) => [String(r.id), r.content])]
      .map((r) => csv.row(r))
      .join(''),
  )
  const cli = join(benchRoot, 'out', 'main', 'cli.js')
  execFileSync(process.execPath, [
    cli,
    'label',
    '--model',
    o.modelPath,
    '--data',
    data,
    '--out',
    labelled,
  ])
  const column = basename(o.modelPath, extname(o.modelPath))
  const offline = new Map<string, string>()
  for (const row of parse<Record<string, string>>(readFileSync(labelled), { columns: true }))
    offline.set(row.id!, sorted(row[column]!.split('|').filter(Boolean)))
  const [written] = await o.conn.query(`SELECT id, label FROM ${o.output} WHERE id IN (?)`, [
    rows.map((r) => r.id),
  ])
  const online = new Map<string, string[]>()
  for (const { id, label } of written as { id: number; label: string }[])
    online.set(String(id), [...(online.get(String(id)) ?? []), label])
  let differ = 0
  for (const { id } of rows)
    if (sorted(online.get(String(id)) ?? []) !== offline.get(String(id))) differ++
  return { rows: rows.length, pairs: (written as unknown[]).length, differ }
}

const sorted = (labels: string[]) => [...labels].sort().join('|')
