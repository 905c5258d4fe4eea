import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readDelimitedText } from '../../src-worker/ml/io/delimited-reader'
import { startTestCore } from '../helpers/core-harness'
import { importCorpus } from '../helpers/modeling-data'
import { exportTo, importInto, snapshot } from './datasets-harness'

let harness: Awaited<ReturnType<typeof startTestCore>> | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** Texts a post can hold that Excel would run as formulas, plus quoting trouble. */
const DANGEROUS = [
  '=1+1',
  '=HYPERLINK("http://evil.example/x","click me")',
  '+cmd|calc 貓',
  '-minus, with a comma',
  '@mention 中文',
  '\tleading tab',
  '\rleading carriage return',
]
const SAFE = ['line one\nline "two", with comma', '中文，一般的貼文', '-0.25']

/** What an Excel-flavour cell holds once read back: a quote mark before formula-like text. */
const neutralised = (cell: string) =>
  /^[=@\t\r]/.test(cell) || (/^[+-]/.test(cell) && !/^[+-]?\d*\.?\d+$/.test(cell))
    ? `'${cell}`
    : cell

function parseCsv(bytes: Buffer): { header: string[]; rows: Record<string, string>[] } {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
  const [head, ...records] = readDelimitedText(text, 'export')
  const header = head!.fields
  const rows = records.map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i]!])))
  return { header, rows }
}

function writeJsonl(dir: string, name: string, rows: object[]): string {
  const path = join(dir, name)
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
  return path
}

describe('dataset export flavours', () => {
  const posts = [...DANGEROUS, ...SAFE].map((text, i) => ({
    text,
    label: i % 2 === 0 ? ['cat'] : ['dog', 'cat'],
    author: i % 3 === 0 ? `=cmd|' /C calc'!A${i}` : `@user${i}`,
    title: i % 2 === 0 ? '-title' : 'title',
    meta: { note: '=x' },
  }))

  it.each(['csv', 'tsv'] as const)(
    '%s raw: no BOM, formula-like text written as is, re-imports to the same documents and labels',
    async (format) => {
      const h = (harness = await startTestCore({ seedDemo: false }))
      const source = writeJsonl(h.dataDir, 'posts.jsonl', posts)
      const original = await importInto(h, 'original', source)
      expect(original.imported).toBe(posts.length)
      const out = join(h.dataDir, `raw.${format}`)
      await exportTo(h, original.datasetId, format, out, { csvFlavour: 'raw' })
      const bytes = readFileSync(out)
      expect(bytes.subarray(0, 3).equals(BOM)).toBe(false)
      expect(bytes.toString('utf8')).toContain('\n=1+1')

      const back = await importInto(h, 'back', out, format)
      expect(back.encoding).toBe('utf-8')
      expect(back.imported).toBe(posts.length)
      const view = (docs: Awaited<ReturnType<typeof snapshot>>['docs']) =>
        docs.map(({ text, labels, author, title, sourceId, postTime, meta }) => ({
          ...{ text, labels, author, title, sourceId, postTime, meta },
        }))
      const a = await snapshot(h, original.datasetId)
      const b = await snapshot(h, back.datasetId)
      expect(view(b.docs)).toEqual(view(a.docs))
      expect(b.docs.map((d) => d.text)).toEqual(posts.map((p) => p.text))
    },
  )

  it.each(['csv', 'tsv'] as const)(
    '%s excel (the default): BOM, neutralised cells, and the importer reads the BOM away',
    async (format) => {
      const h = (harness = await startTestCore({ seedDemo: false }))
      const source = writeJsonl(h.dataDir, 'posts.jsonl', posts)
      const original = await importInto(h, 'original', source)
      const out = join(h.dataDir, `excel.${format}`)
      await exportTo(h, original.datasetId, format, out)
      const bytes = readFileSync(out)
      expect(bytes.subarray(0, 3).equals(BOM)).toBe(true)
      expect(bytes.toString('utf8')).toContain("\n'=1+1")

      // The importer recognises the BOM as such and reads it away (it is not part of any cell).
      const back = await importInto(h, 'back', out, format)
      expect(back.encoding).toBe('utf-8-bom')
      expect(back.imported).toBe(posts.length)
      expect(back.problemCounts['unknown-column'] ?? 0).toBe(0)
      const docs = (await snapshot(h, back.datasetId)).docs
      expect(docs.map((d) => d.text)).toEqual(posts.map((p) => neutralised(p.text)))
      expect(docs.map((d) => d.author)).toEqual(posts.map((p) => neutralised(p.author)))
      expect(docs.map((d) => d.title)).toEqual(posts.map((p) => neutralised(p.title)))
      expect(docs.map((d) => d.labels)).toEqual(posts.map((p) => [...p.label].sort()))
    },
  )
})

describe('evaluation details flavours', () => {
  it('downloads as excel by default and raw on request', async () => {
    const h = (harness = await startTestCore({ seedDemo: false }))
    const datasetId = await importCorpus(h.api, h.core, 'corpus')
    const { taskId } = await h.api.call('models.startTraining', { datasetId, kind: 'nb' })
    expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    const id = ((await h.api.call('tasks.show', { id: taskId })).stats as { modelId: string })
      .modelId
    const texts = [...DANGEROUS, ...SAFE]
    const content = texts.map((text) => JSON.stringify({ text, label: 'pet' })).join('\n')
    const evaluation = await h.api.call('models.startEvaluation', {
      id,
      file: { content, fileName: 'external.jsonl' },
    })
    expect((await h.core.tasks.settled(evaluation.taskId)).status).toBe('SUCCESS')
    const [summary] = (await h.api.call('models.listEvaluations', { id })).filter(
      (e) => e.sourceFile,
    )
    const evaluationId = summary!.id

    const excel = await h.api.call('models.exportEvaluation', { evaluationId, format: 'csv' })
    const excelBytes = readFileSync(excel.path)
    expect(excelBytes.subarray(0, 3).equals(BOM)).toBe(true)
    expect(parseCsv(excelBytes).rows.map((r) => r.text)).toEqual(texts.map(neutralised))

    const raw = await h.api.call('models.exportEvaluation', {
      evaluationId,
      format: 'csv',
      csvFlavour: 'raw',
    })
    const rawBytes = readFileSync(raw.path)
    expect(rawBytes.subarray(0, 3).equals(BOM)).toBe(false)
    const { header, rows } = parseCsv(rawBytes)
    expect(header).toEqual(
      ['id', 'document_id', 'text', 'gold', 'predicted', 'correct'].concat(['scores', 'matches']),
    )
    expect(rows.map((r) => r.text)).toEqual(texts)
  })
})

describe('predict CSV sink flavours', () => {
  const authors = ['=cmd|calc', '@bob', '-dash', 'plain 作者', '+plus']
  const sourceRows = authors.map((author, i) => ({
    id: `p${i}`,
    content: i % 2 === 0 ? '我家貓咪好可愛' : 'final exams this week',
    author,
  }))

  async function run(h: NonNullable<typeof harness>, name: string, csvFlavour?: 'raw' | 'excel') {
    const path = join(h.dataDir, `${name}.csv`)
    const { taskId } = await h.api.call('predict.start', {
      sources: [
        {
          kind: 'file',
          path: writeJsonl(h.dataDir, 'source.jsonl', sourceRows),
          format: 'jsonl',
          columns: { id: 'id', content: 'content', author: 'author' },
        },
      ],
      models: [
        {
          model: {
            kind: 'keywords',
            name: 'kw',
            labels: { pet: ['貓'], student: ['exam'] },
          },
        },
      ],
      sink: { kind: 'csv', path, ...(csvFlavour ? { csvFlavour } : {}) },
    })
    const task = await h.core.tasks.settled(taskId)
    expect(task.status, JSON.stringify(task.error)).toBe('SUCCESS')
    return {
      results: readFileSync(path),
      authors: readFileSync(join(h.dataDir, `${name}_authors.csv`)),
    }
  }

  it('writes results and the author panel raw by default, and for Excel on request', async () => {
    const h = (harness = await startTestCore({ seedDemo: false }))
    const raw = await run(h, 'raw')
    for (const file of [raw.results, raw.authors]) {
      expect(file.subarray(0, 3).equals(BOM)).toBe(false)
      const got = parseCsv(file)
        .rows.map((r) => r.source_author)
        .sort()
      expect(got).toEqual([...authors].sort())
    }

    const excel = await run(h, 'excel', 'excel')
    for (const file of [excel.results, excel.authors]) {
      expect(file.subarray(0, 3).equals(BOM)).toBe(true)
      const got = parseCsv(file)
        .rows.map((r) => r.source_author)
        .sort()
      expect(got).toEqual(authors.map(neutralised).sort())
    }
  })
})
