import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readDataRows, type DataRow } from '../../../../src-worker/ml/io/data-file'
import { parseLabelsCell } from '../../../../src-worker/ml/io/labels-cell'

async function readAll(name: string, content: string, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'audience-data-'))
  writeFileSync(join(dir, name), content)
  const rows: DataRow[] = []
  for await (const batch of readDataRows(join(dir, name), { batchSize: 2, ...options }))
    rows.push(...batch)
  return rows
}

describe('parseLabelsCell', () => {
  it('splits by # or | and reads JSON arrays', () => {
    expect(parseLabelsCell('a#b | c', 1)).toEqual(['a', 'b', 'c'])
    expect(parseLabelsCell('["x", "y|z"]', 1)).toEqual(['x', 'y|z'])
    expect(parseLabelsCell('', 1)).toEqual([])
    expect(() => parseLabelsCell('[oops', 4)).toThrow(/Line 4/)
  })
})

describe('readDataRows', () => {
  it('reads CSV with a BOM in batches, mapping columns to fields', async () => {
    const rows = await readAll(
      'd.csv',
      '\uFEFFid,text,title,label\n1,hello,T,a|b\n2,"x, y",U,c\n3,z,V,\n',
    )
    expect(rows.map((r) => [r.id, r.fields.content, r.fields.title, r.labels])).toEqual([
      ['1', 'hello', 'T', ['a', 'b']],
      ['2', 'x, y', 'U', ['c']],
      ['3', 'z', 'V', []],
    ])
  })

  it('reads JSONL and fails on a bad line with its number', async () => {
    const rows = await readAll(
      'd.jsonl',
      '{"content":"a","label":["x"]}\n\n{"content":"b","label":"y"}\n',
    )
    expect(rows.map((r) => [r.line, r.fields.content, r.labels])).toEqual([
      [1, 'a', ['x']],
      [3, 'b', ['y']],
    ])
    await expect(readAll('e.jsonl', '{"text":"a"}\n{oops\n')).rejects.toThrow(
      /line 2: not valid JSON/,
    )
  })

  it('ends a batch before its content texts pass batchUnits (a longer row goes alone)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audience-data-'))
    const path = join(dir, 'u.csv')
    writeFileSync(path, `text\naaa\nbbb\nccc\n${'d'.repeat(10)}\ne\n`)
    const batches: string[][] = []
    for await (const batch of readDataRows(path, { batchUnits: 7 }))
      batches.push(batch.map((row) => row.fields.content!))
    expect(batches).toEqual([['aaa', 'bbb'], ['ccc'], ['dddddddddd'], ['e']])
  })

  it('fails on a row with the wrong number of fields, naming the line', async () => {
    await expect(readAll('bad.csv', 'text,label\na,b\nc\n')).rejects.toThrow(
      /line 3: 1 fields, the header has 2/,
    )
  })

  it('asks for --text-column when no text column exists', async () => {
    await expect(readAll('n.csv', 'xyz,label\na,b\n')).rejects.toThrow(
      /no text column.*--text-column/,
    )
  })
})
