import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { runCliInProcess } from '../helpers/cli'
import { afterEach, describe, expect, it } from 'vitest'
import { readDelimitedText } from '../../src-worker/ml/io/delimited-reader'
import { BIG5_POSTS, cp950 } from '../helpers/legacy-encodings'
import { makeTempDir } from '../helpers/temp-dir'
import { writeFixture } from './datasets-harness'

const temps: (() => void)[] = []
afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()))

function workspace(): string {
  const temp = makeTempDir()
  temps.push(temp.cleanup)
  return temp.dir
}

const audience = (...args: string[]) => runCliInProcess(args)

/** Big5 training data with Chinese headers, tab separated, labels joined by `;`. */
function big5Tsv(): Buffer {
  const rows = ['編號\t內容\t標籤']
  const texts: [string, string][] = [
    ['帶小孩去公園玩溜滑梯', 'parent'],
    ['孩子的功課寫不完', 'parent'],
    ['期中考好難還要交報告', 'student'],
    ['圖書館讀書到很晚', 'student'],
  ]
  for (let i = 0; i < 24; i++) {
    const [text, label] = texts[i % texts.length]!
    rows.push(`${i + 1}\t${text}（${i}）\t${label}${i % 6 === 0 ? ';male' : ''}`)
  }
  return cp950(rows.join('\r\n') + '\r\n')
}

describe('audience with real-world files', () => {
  it('imports a Big5 CSV with Chinese headers and ; labels, and an xlsx workbook, unedited', async () => {
    const dir = workspace()
    const csv = writeFixture(dir, 'posts.csv', cp950(BIG5_POSTS))
    const imported = await audience(
      '--data-dir',
      dir,
      '--json',
      'dataset',
      'import',
      csv,
      '--name',
      'big5',
    )
    expect(imported.code, imported.stderr).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ encoding: 'big5', imported: 4 })
    const shown = await audience('--data-dir', dir, 'dataset', 'show', 'big5')
    expect(shown.stdout).toMatch(/male\s+\S*\s*#\w+\s+2/)
    expect(shown.stdout).toMatch(/parent\s+\S*\s*#\w+\s+2/)

    const xlsx = join(dir, 'posts.xlsx')
    const book = new ExcelJS.Workbook()
    book.addWorksheet('封面').addRow(['不是資料'])
    book.addWorksheet('資料').addRows([
      ['內文', '分類'],
      ['週末去九份看夕陽', '旅遊'],
      ['珍奶太甜了', '食物|飲料'],
    ])
    // exceljs's writeFile can resolve before the file is closed: write the bytes ourselves.
    writeFileSync(xlsx, Buffer.from(await book.xlsx.writeBuffer()))
    const fromXlsx = await audience(
      '--data-dir',
      dir,
      '--json',
      'dataset',
      'import',
      xlsx,
      '--name',
      'xlsx',
      '--sheet',
      '資料',
    )
    expect(fromXlsx.code, fromXlsx.stderr).toBe(0)
    expect(JSON.parse(fromXlsx.stdout)).toMatchObject({ format: 'xlsx', imported: 2 })
  })

  it('picks columns by position without a header, forces an encoding, and skips bad rows on request', async () => {
    const dir = workspace()
    const bare = writeFixture(dir, 'bare.csv', 'a1,first post,x\na2,,y\na3,third post,z\n')
    const stopped = await audience(
      '--data-dir',
      dir,
      'dataset',
      'import',
      bare,
      '--name',
      'bare',
      '--no-header',
      '--text-column',
      '2',
      '--label-column',
      '3',
    )
    expect(stopped.code).toBe(2)
    expect(stopped.stderr).toMatch(/Line 2: empty text cell.*Nothing was imported/)
    const skipped = await audience(
      '--data-dir',
      dir,
      'dataset',
      'import',
      bare,
      '--name',
      'bare',
      '--no-header',
      '--text-column',
      '2',
      '--label-column',
      '3',
      '--skip-bad-rows',
    )
    expect(skipped.code, skipped.stderr).toBe(0)
    expect(skipped.stdout).toContain('Imported 2 documents')
    expect(skipped.stdout).toContain('skipped lines: 2')

    const big5 = writeFixture(dir, 'big5.csv', cp950(BIG5_POSTS))
    const forced = await audience(
      '--data-dir',
      dir,
      'dataset',
      'import',
      big5,
      '--name',
      'forced',
      '--encoding',
      'utf-8',
    )
    expect(forced.code).toBe(2)
    expect(forced.stderr).toMatch(/not valid UTF-8: the first bad byte is at offset 8/)
    const bad = await audience(
      '--data-dir',
      dir,
      'dataset',
      'import',
      big5,
      '--name',
      'x',
      '--encoding',
      'latin9',
    )
    expect(bad.code).toBe(2)
  })

  it('trains, evaluates and labels from a Big5 TSV with Chinese headers', async () => {
    const dir = workspace()
    const data = writeFixture(dir, 'train.tsv', big5Tsv())
    const model = join(dir, 'nb.audmodel')
    const trained = await audience('train', '--data', data, '--model', 'nb', '--out', model)
    expect(trained.code, trained.stderr).toBe(0)
    expect(trained.stdout).toMatch(/3 labels.* 24 rows/)
    const report = join(dir, 'report.json')
    const evaluated = await audience(
      'evaluate',
      '--model',
      model,
      '--data',
      data,
      '--report',
      report,
      '--encoding',
      'big5',
    )
    expect(evaluated.code, evaluated.stderr).toBe(0)
    expect(evaluated.stdout).toMatch(/24 rows: exact-match accuracy/)
    const out = join(dir, 'labelled.csv')
    const labelled = await audience(
      'label',
      '--model',
      model,
      '--data',
      data,
      '--out',
      out,
      '--text-column',
      '2',
    )
    expect(labelled.code, labelled.stderr).toBe(0)
    const [header, first] = readDelimitedText(readFileSync(out, 'utf8'), out)
    expect(header!.fields).toEqual(['編號', '內容', '標籤', 'nb', 'nb_score'])
    expect(first!.fields.slice(0, 3)).toEqual(['1', '帶小孩去公園玩溜滑梯（0）', 'parent;male'])
  })
})
