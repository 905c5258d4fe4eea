import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { assertFitsXlsx, XLSX_MAX_ROWS } from '../../src-worker/ml/io/xlsx'
import { BIG5_POSTS, cp950, gb18030 } from '../helpers/legacy-encodings'
import {
  exportTo,
  importInto,
  runImport,
  snapshot,
  startDatasetsCore,
  writeFixture,
  type Harness,
} from './datasets-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const names = async (x: Harness) => (await x.api.call('datasets.list', {})).map((d) => d.name)

/** The Big5 file's documents as the dataset should hold them. */
const BIG5_DOCS = [
  { text: '今天帶小孩去公園，好開心！', labels: ['male', 'parent'], sourceId: '1', author: '阿宏' },
  { text: '「期中考」好難……還有報告要交。', labels: ['student'], sourceId: '2', author: '小美' },
  {
    text: '老公又加班～只好自己煮：義大利麵、沙拉',
    labels: ['female', 'parent'],
    sourceId: '3',
    author: '陳太太',
  },
  { text: '捷運又誤點了（第三次）‧‧‧', labels: ['student', 'male'], sourceId: '4', author: '阿傑' },
]

async function workbook(path: string, sheets: Record<string, (string | number)[][]>) {
  const book = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows)
  // exceljs's writeFile can resolve before the file is closed: write the bytes ourselves.
  writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()))
  return path
}

describe('real-world files: encodings, headers, label separators', () => {
  it('previews and imports a Big5 CSV with Chinese headers and ; labels, as a path or an upload', async () => {
    h = await startDatasetsCore()
    const bytes = cp950(BIG5_POSTS)
    const file = writeFixture(h.dataDir, 'posts.csv', bytes)
    const preview = await h.api.call('datasets.previewImport', { source: { path: file } })
    expect(preview).toMatchObject({
      format: 'csv',
      encoding: 'big5',
      encodingDetected: true,
      delimiter: ',',
      columns: ['post_id', '內容', '標籤', '作者'],
      roles: { text: 2, label: 3, sourceId: 1, author: 4, title: null, postTime: null },
      labelSeparator: ';',
    })
    expect(preview.rows.map((r) => [r.text, r.labels])).toEqual(
      BIG5_DOCS.map((d) => [d.text, d.labels]),
    )

    const report = await importInto(h, 'big5', file)
    expect(report).toMatchObject({ encoding: 'big5', imported: 4, problemCounts: {} })
    expect(report.labelsCreated.sort()).toEqual(['female', 'male', 'parent', 'student'])
    const { docs } = await snapshot(h, report.datasetId)
    expect(
      docs.map((d) => ({ text: d.text, labels: d.labels, sourceId: d.sourceId, author: d.author })),
    ).toEqual(BIG5_DOCS.map((d) => ({ ...d, labels: [...d.labels].sort() })))

    const upload = await h.api.call('datasets.uploadFile', {
      fileName: '貼文.csv',
      contentBase64: bytes.toString('base64'),
    })
    expect(upload).toMatchObject({ fileName: '貼文.csv', bytes: bytes.length })
    const again = await h.api.call('datasets.previewImport', {
      source: { upload: upload.upload },
      options: { encoding: 'gb18030' },
    })
    expect(again.encoding).toBe('gb18030')
    expect(again.encodingDetected).toBe(false)
    const uploaded = await runImport(h, {
      target: { newDataset: { name: 'uploaded' } },
      source: { upload: upload.upload },
    })
    expect(uploaded.report).toMatchObject({ encoding: 'big5', imported: 4 })
  })

  it('reads GB18030 files and header-less files by column position', async () => {
    h = await startDatasetsCore()
    const simplified = writeFixture(
      h.dataDir,
      'gb.csv',
      gb18030('编号,内容,类别\n1,今天的奶茶太甜了，不好喝。,食物|饮料\n2,带小孩去公园玩,家长\n'),
    )
    const gb = await importInto(h, 'gb', simplified)
    expect(gb).toMatchObject({ encoding: 'gb18030', imported: 2 })
    expect((await snapshot(h, gb.datasetId)).docs.map((d) => d.labels)).toEqual([
      ['食物', '饮料'],
      ['家长'],
    ])

    const bare = writeFixture(h.dataDir, 'bare.tsv', 'x1\tfirst post\ta;b\nx2\tsecond post\tc\n')
    const preview = await h.api.call('datasets.previewImport', {
      source: { path: bare },
      options: { header: false },
    })
    expect(preview).toMatchObject({
      columns: ['Column 1', 'Column 2', 'Column 3'],
      roles: { text: null, label: null },
      rows: [],
    })
    const { report } = await runImport(h, {
      target: { newDataset: { name: 'bare' } },
      source: { path: bare },
      options: { header: false, textColumn: 2, labelColumn: '3', sourceIdColumn: 1 },
    })
    expect(report).toMatchObject({ imported: 2, labelsCreated: ['a', 'b', 'c'] })
    expect((await snapshot(h, report!.datasetId)).docs.map((d) => [d.text, d.sourceId])).toEqual([
      ['first post', 'x1'],
      ['second post', 'x2'],
    ])
  })

  it('refuses empty and header-only files as VALIDATION, creating nothing', async () => {
    h = await startDatasetsCore()
    for (const [name, content] of [
      ['empty.csv', ''],
      ['header.csv', '內容,標籤\r\n'],
      ['blank.jsonl', '\n\n'],
    ] as const) {
      const file = writeFixture(h.dataDir, name, content)
      const { task } = await runImport(h, {
        target: { newDataset: { name } },
        source: { path: file },
      })
      expect(task.status).toBe('FAILURE')
      expect(task.error).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining(`There are no documents in ${name}`),
      })
      await expect(
        h.api.call('datasets.previewImport', { source: { path: file } }),
      ).rejects.toMatchObject({ code: 'VALIDATION' })
    }
    expect(await names(h)).toEqual([])
  })

  it('names the line of an unclosed quote and imports bad rows only when asked, listing them', async () => {
    h = await startDatasetsCore()
    const unclosed = writeFixture(h.dataDir, 'q.csv', 'text,label\nfine,a\n"never closed,b\nx,c\n')
    const quoted = await runImport(h, {
      target: { newDataset: { name: 'q' } },
      source: { path: unclosed },
    })
    expect(quoted.task.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('q.csv, line 3: a quoted field is never closed'),
    })

    const bad = writeFixture(
      h.dataDir,
      'bad.csv',
      'text,label\ngood one,a\n,b\nsays "hi" here,c\ngood two,d\ntoo,many,cells\n',
    )
    const stopped = await runImport(h, {
      target: { newDataset: { name: 'bad' } },
      source: { path: bad },
    })
    expect(stopped.task.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^Line 3: empty text cell.*Nothing was imported/),
    })
    expect(await names(h)).toEqual([])
    const skipped = await runImport(h, {
      target: { newDataset: { name: 'bad' } },
      source: { path: bad },
      options: { onProblem: 'skip' },
    })
    expect(skipped.report).toMatchObject({ imported: 2, skippedLines: [3, 4, 6] })
    const lenient = await runImport(h, {
      target: { newDataset: { name: 'lenient' } },
      source: { path: bad },
      options: { onProblem: 'skip', quotes: 'lenient' },
    })
    expect(lenient.report).toMatchObject({ imported: 3, skippedLines: [3, 6] })
  })

  it('imports an .xlsx workbook (first or chosen sheet) and exports one that reads back', async () => {
    h = await startDatasetsCore()
    const path = await workbook(join(h.dataDir, 'posts.xlsx'), {
      說明: [['這張表不是資料']],
      貼文: [
        ['編號', '內文', '類別', '時間'],
        [1, '週末去九份看夕陽', '旅遊、生活', '2024-01-02'],
        [2, 'Bubble tea, too sweet', '食物', '2024-01-03'],
      ],
    })
    const first = await h.api.call('datasets.previewImport', { source: { path } })
    expect(first).toMatchObject({ format: 'xlsx', sheets: ['說明', '貼文'], sheet: '說明' })
    const preview = await h.api.call('datasets.previewImport', {
      source: { path },
      options: { sheet: '貼文' },
    })
    expect(preview).toMatchObject({
      sheet: '貼文',
      columns: ['編號', '內文', '類別', '時間'],
      roles: { text: 2, label: 3, sourceId: 1, postTime: 4 },
      labelSeparator: '、',
    })
    const { report } = await runImport(h, {
      target: { newDataset: { name: 'xlsx' } },
      source: { path },
      options: { sheet: '貼文' },
    })
    expect(report).toMatchObject({ format: 'xlsx', imported: 2 })
    const a = await snapshot(h, report!.datasetId)
    expect(a.docs.map((d) => [d.text, d.labels, d.sourceId, d.postTime])).toEqual([
      ['週末去九份看夕陽', ['旅遊', '生活'], '1', '2024-01-02'],
      ['Bubble tea, too sweet', ['食物'], '2', '2024-01-03'],
    ])
    const out = join(h.dataDir, 'out.xlsx')
    await exportTo(h, report!.datasetId, 'xlsx', out)
    const read = new ExcelJS.Workbook()
    await read.xlsx.readFile(out)
    expect(read.worksheets[0]!.getRow(2).getCell(1).value).toBe('週末去九份看夕陽')
    const back = await importInto(h, 'back', out)
    const b = await snapshot(h, back.datasetId)
    expect(b.docs.map((d) => [d.text, d.labels, d.sourceId])).toEqual(
      a.docs.map((d) => [d.text, d.labels, d.sourceId]),
    )
  })

  it('refuses an xlsx output past 1,048,576 rows before writing, naming the limit', () => {
    expect(() => assertFitsXlsx(XLSX_MAX_ROWS - 1, 'This export')).not.toThrow()
    expect(() => assertFitsXlsx(XLSX_MAX_ROWS, 'This export')).toThrow(
      /1,048,576 rows including the header\)\. Export as CSV, or to SQLite/,
    )
  })

  it('exports CSV for Excel (BOM) by default for people, and the file imports back the same', async () => {
    h = await startDatasetsCore()
    const file = writeFixture(h.dataDir, 'posts.csv', cp950(BIG5_POSTS))
    const report = await importInto(h, 'big5', file)
    const out = join(h.dataDir, 'excel.csv')
    await exportTo(h, report.datasetId, 'csv', out)
    expect([...readFileSync(out).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const back = await importInto(h, 'back', out)
    expect(back.encoding).toBe('utf-8-bom')
    const [a, b] = [await snapshot(h, report.datasetId), await snapshot(h, back.datasetId)]
    expect(b.docs.map((d) => [d.text, d.labels, d.author, d.sourceId])).toEqual(
      a.docs.map((d) => [d.text, d.labels, d.author, d.sourceId]),
    )
  })
})

describe('label set: split and undo', () => {
  it('splits "male;parent" into two labels on every document, atomically, and undoes it', async () => {
    h = await startDatasetsCore()
    const file = writeFixture(
      h.dataDir,
      'legacy.jsonl',
      [
        { text: 'a', label: ['male;parent'] },
        { text: 'b', label: ['male;parent', 'student'] },
        { text: 'c', label: ['male'] },
        { text: 'd', label: ['student'] },
      ]
        .map((d) => JSON.stringify(d))
        .join('\n'),
    )
    const report = await importInto(h, 'legacy', file)
    const id = report.datasetId
    const before = await snapshot(h, id)
    const combined = before.dataset.labels.find((l) => l.name === 'male;parent')!
    await expect(
      h.api.call('datasets.splitLabel', { datasetId: id, labelId: combined.id, separator: '|' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })

    const split = await h.api.call('datasets.splitLabel', {
      datasetId: id,
      labelId: combined.id,
      separator: ';',
    })
    expect(split.documents).toBe(2)
    expect(split.labels.map((l) => [l.name, l.count])).toEqual([
      ['male', 3],
      ['parent', 2],
    ])
    const after = await snapshot(h, id)
    expect(after.dataset.labels.map((l) => l.name).sort()).toEqual(['male', 'parent', 'student'])
    expect(after.docs.map((d) => d.labels)).toEqual([
      ['male', 'parent'],
      ['male', 'parent', 'student'],
      ['male'],
      ['student'],
    ])

    await h.api.call('datasets.undoLabelChange', { datasetId: id, undoId: split.undoId })
    const undone = await snapshot(h, id)
    expect(undone.docs.map((d) => d.labels)).toEqual(before.docs.map((d) => d.labels))
    expect(undone.dataset.labels).toEqual(before.dataset.labels)
    await expect(
      h.api.call('datasets.undoLabelChange', { datasetId: id, undoId: split.undoId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('undoes a merge, and refuses an undo once the labels changed since', async () => {
    h = await startDatasetsCore()
    const file = writeFixture(
      h.dataDir,
      'm.jsonl',
      '{"text":"a","label":["x"]}\n{"text":"b","label":["y"]}\n{"text":"c","label":["x","y"]}\n',
    )
    const report = await importInto(h, 'm', file)
    const id = report.datasetId
    const before = await snapshot(h, id)
    const [x, y] = ['x', 'y'].map((n) => before.dataset.labels.find((l) => l.name === n)!)
    const merged = await h.api.call('datasets.mergeLabels', {
      datasetId: id,
      sourceLabelId: x!.id,
      targetLabelId: y!.id,
    })
    await h.api.call('datasets.undoLabelChange', { datasetId: id, undoId: merged.undoId })
    const undone = await snapshot(h, id)
    expect(undone.docs.map((d) => d.labels)).toEqual(before.docs.map((d) => d.labels))

    const again = await h.api.call('datasets.mergeLabels', {
      datasetId: id,
      sourceLabelId: x!.id,
      targetLabelId: y!.id,
    })
    const docA = undone.docs[0]!
    await h.api.call('annotation.setLabels', {
      datasetId: id,
      documentId: docA.id,
      labelIds: [],
      sessionId: 'test-session',
    })
    await expect(
      h.api.call('datasets.undoLabelChange', { datasetId: id, undoId: again.undoId }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' })
  })
})
