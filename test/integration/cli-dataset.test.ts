import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCliInProcess } from '../helpers/cli'
import { afterEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../helpers/temp-dir'
import { fixture } from './datasets-harness'

const temps: (() => void)[] = []
afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()))

function workspace(): string {
  const temp = makeTempDir()
  temps.push(temp.cleanup)
  return temp.dir
}

/** Runs `audience` in-process against a data dir, capturing output. */
const audience = (dataDir: string, ...args: string[]) =>
  runCliInProcess(['--data-dir', dataDir, ...args])

describe('audience dataset (CLI)', () => {
  it('seeds the demo dataset, lists and shows it', async () => {
    const dir = workspace()
    const list = await audience(dir, '--json', 'dataset', 'list')
    expect(list.code).toBe(0)
    const datasets = JSON.parse(list.stdout) as { name: string; documentCount: number }[]
    expect(datasets).toMatchObject([{ name: 'Demo: audience posts', documentCount: 400 }])
    const show = await audience(dir, 'dataset', 'show', 'Demo: audience posts')
    expect(show.stdout).toContain('400 documents')
    expect(show.stdout).toMatch(/male\s+1/)
  })

  it('creates, imports, exports a split, deletes and restores', async () => {
    const dir = workspace()
    const created = await audience(dir, 'dataset', 'create', 'mine', '--labels', 'a,b', '--single')
    expect(created.code).toBe(0)
    expect(created.stdout).toContain('single-label')
    const imported = await audience(
      dir,
      '--json',
      'dataset',
      'import',
      fixture('annotated.jsonl'),
      '--name',
      'posts',
    )
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 6, datasetName: 'posts' })
    const out = join(dir, 'students.csv')
    const exported = await audience(
      dir,
      'dataset',
      'export',
      'posts',
      '--format',
      'csv',
      '--out',
      out,
      '--label',
      'student',
    )
    expect(exported.stdout).toContain('Wrote 2 documents')
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(
      'text,label,author,title,source_id,post_time,meta',
    )
    const forExcel = join(dir, 'students-excel.tsv')
    const args = ['--format', 'tsv', '--out', forExcel, '--label', 'student']
    await audience(dir, 'dataset', 'export', 'posts', ...args, '--csv-flavour', 'excel')
    expect(readFileSync(forExcel, 'utf8').split('\n')[0]).toBe(
      '\uFEFFtext\tlabel\tauthor\ttitle\tsource_id\tpost_time\tmeta',
    )
    const bad = await audience(dir, 'dataset', 'export', 'posts', ...args, '--csv-flavour', 'xls')
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('raw, excel')])
    const deleted = await audience(dir, 'dataset', 'delete', 'posts')
    expect(deleted.stdout).toContain('audience dataset restore')
    expect((await audience(dir, 'dataset', 'restore')).stdout).toContain('posts')
  })

  it('exits 1 for a missing dataset or a failed import and 2 for bad usage', async () => {
    const dir = workspace()
    const missing = await audience(dir, 'dataset', 'show', 'nope')
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('NOT_FOUND')])
    const badFormat = await audience(
      dir,
      'dataset',
      'export',
      'Demo: audience posts',
      '--format',
      'xml',
      '--out',
      join(dir, 'x'),
    )
    expect(badFormat.code).toBe(2)
    const noName = await audience(dir, 'dataset', 'import', fixture('annotated.jsonl'))
    expect(noName.code).toBe(2)
    const badColumn = await audience(
      dir,
      'dataset',
      'import',
      fixture('annotated.jsonl'),
      '--name',
      'z',
      '--format',
      'csv',
    )
    expect(badColumn.code).toBe(2)
    expect(badColumn.stderr).toContain('No text column')
  })
})
