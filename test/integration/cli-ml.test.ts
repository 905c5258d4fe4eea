import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCliInProcess } from '../helpers/cli'
import { describe, expect, it } from 'vitest'
import { readDelimitedText } from '../../src-worker/ml/io/delimited-reader'

const fixtures = join(import.meta.dirname, '../fixtures/ml')

/** Runs `audience …` in process; a non-zero exit becomes a rejection carrying stderr. */
async function audience(...args: string[]) {
  const { code, stdout, stderr } = await runCliInProcess(args)
  if (code !== 0) throw new Error(`exit ${code}: ${stderr}`)
  return stdout
}

describe('audience train / evaluate / label', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audience-cli-ml-'))
  const model = join(dir, 'svm.audmodel')

  it('trains a linear SVM from CSV and evaluates it with report and details', async () => {
    const trained = await audience(
      'train',
      '--data',
      join(fixtures, 'toy-train.csv'),
      '--model',
      'linear-svm',
      '--param',
      'C=1',
      '--out',
      model,
    )
    expect(trained).toMatch(/linear-svm: 3 labels .* 20 rows/)
    const report = join(dir, 'report.json')
    const details = join(dir, 'details.csv')
    const summary = await audience(
      'evaluate',
      '--model',
      model,
      '--data',
      join(fixtures, 'toy-test.csv'),
      '--report',
      report,
      '--details',
      details,
    )
    expect(summary).toMatch(/8 rows: accuracy/)
    const json = JSON.parse(readFileSync(report, 'utf8')) as Record<string, unknown>
    // The keys of earlier versions come first, unchanged; the new ones follow.
    expect(Object.keys(json).slice(0, 6)).toEqual([
      'accuracy',
      'macroF1',
      'microF1',
      'weightedF1',
      'perLabel',
      'confusion',
    ])
    expect(json).toMatchObject({
      multiLabel: false,
      rows: 8,
      exactMatchAccuracy: json.accuracy,
      hammingLoss: 1 - (json.accuracy as number),
      samplesF1: null,
      belowBaseline: false,
      // The model file records its training labels' frequencies: the baseline uses them.
      baseline: { strategy: 'majority', source: 'training' },
    })
    expect(json.baselineMacroF1).toBeLessThan(json.macroF1 as number)
    expect(json.accuracy).toBeGreaterThanOrEqual(0.75)
    const lines = readFileSync(details, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('id,text,gold,predicted,scores,matches,correct')
    expect(lines).toHaveLength(9)
  })

  it('trains keyword and regex models from rule files and labels a file with several models', async () => {
    const keyword = join(dir, 'kw.audmodel')
    const regex = join(dir, 're.audmodel')
    await audience(
      'train',
      '--model',
      'keyword',
      '--rules',
      join(fixtures, 'keyword-rules'),
      '--out',
      keyword,
    )
    await audience(
      'train',
      '--model',
      'regex',
      '--rules',
      join(fixtures, 'regex-rules.csv'),
      '--out',
      regex,
    )
    const best = join(dir, 'best.audmodel')
    await audience(
      'train',
      '--model',
      'keyword',
      '--single-label',
      '--rules',
      join(fixtures, 'keyword-rules'),
      '--out',
      best,
    )
    const out = join(dir, 'labelled.csv')
    const result = await audience(
      'label',
      '--model',
      model,
      '--model',
      keyword,
      '--model',
      regex,
      '--model',
      best,
      '--data',
      join(fixtures, 'toy-multilabel.jsonl'),
      '--out',
      out,
    )
    expect(result).toMatch(/^6 rows labelled/)
    const lines = readFileSync(out, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('id,text,label,svm,svm_score,kw,kw_score,re,re_score,best,best_score')
    // Rule models give every label whose rules match; --single-label the one with most matches.
    expect(lines[1]).toMatch(
      /^m1,The bank sponsors the football club,.*,sports,[0-9.]+,finance\|sports,2,finance\|sports,1,sports,2$/,
    )
  })

  it('writes label and details CSVs raw by default and for Excel with --csv-flavour excel', async () => {
    const keyword = join(dir, 'flavour-kw.audmodel')
    const rules = join(fixtures, 'keyword-rules')
    await audience('train', '--model', 'keyword', '--rules', rules, '--out', keyword)
    const texts = ['=HYPERLINK("http://x","bank")', '@club football', '-stocks, bank', '\tchip']
    const data = join(dir, 'flavour.jsonl')
    const rows = texts.map((text, i) => ({ id: `=id${i}`, text, label: 'finance' }))
    writeFileSync(data, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
    const read = (path: string) => {
      const bytes = readFileSync(path)
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
      const [header, ...records] = readDelimitedText(text, 'details')
      const at = (name: string) => header!.fields.indexOf(name)
      return {
        bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
        column: (name: string) => records.map((r) => r.fields[at(name)]),
      }
    }
    const excelCell = (t: string) => `'${t}`

    for (const flavour of [[], ['--csv-flavour', 'raw'], ['--csv-flavour', 'excel']]) {
      const excel = flavour[1] === 'excel'
      const out = join(dir, `flavour-${flavour[1] ?? 'default'}.csv`)
      await audience('label', '--model', keyword, '--data', data, '--out', out, ...flavour)
      const labelled = read(out)
      expect(labelled.bom).toBe(excel)
      expect(labelled.column('text')).toEqual(excel ? texts.map(excelCell) : texts)
      expect(labelled.column('id')).toEqual(rows.map((r) => (excel ? excelCell(r.id) : r.id)))

      const details = join(dir, `details-${flavour[1] ?? 'default'}.csv`)
      const report = join(dir, 'flavour-report.json')
      await audience(
        'evaluate',
        ...['--model', keyword, '--data', data, '--report', report, '--details', details],
        ...flavour,
      )
      const written = read(details)
      expect(written.bom).toBe(excel)
      expect(written.column('text')).toEqual(excel ? texts.map(excelCell) : texts)
    }
    await expect(
      audience(
        'label',
        '--model',
        keyword,
        '--data',
        data,
        '--out',
        join(dir, 'x.csv'),
        '--csv-flavour',
        'xls',
      ),
    ).rejects.toThrow(/exit 2: .*Allowed choices are raw, excel/)
  })

  it('fails with the line number on a bad row and leaves no output behind', async () => {
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'text,label\n"ok",a\n"broken,b\n')
    const out = join(dir, 'never.csv')
    await expect(audience('label', '--model', model, '--data', bad, '--out', out)).rejects.toThrow(
      /line 3: a quoted field is never closed/,
    )
    expect(existsSync(out)).toBe(false)
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('labels a multi-batch file on several threads exactly as on one, rows in input order', async () => {
    const words = ['bank', 'football', 'stocks', 'club', 'match', 'loan', 'goal', 'rates']
    const data = join(dir, 'many.csv')
    // 9,000 rows: three read batches of up to 4,096, labelled on the pool's threads at once.
    const rows = Array.from({ length: 9000 }, (_, i) => {
      const text = `${words[i % 8]} ${words[(i * 7) % 8]} "${i}", ${words[(i * 3) % 8]}`
      return `r${i},"${text.replace(/"/g, '""')}"`
    })
    writeFileSync(data, `id,text\n${rows.join('\n')}\n`)
    const one = join(dir, 'many-1.csv')
    const all = join(dir, 'many-all.csv')
    await audience('label', '--model', model, '--data', data, '--out', one, '--threads', '1')
    expect(await audience('label', '--model', model, '--data', data, '--out', all)).toMatch(
      /^9000 rows labelled/,
    )
    expect(readFileSync(all)).toEqual(readFileSync(one))
    const ids = readFileSync(all, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0])
    expect(ids).toEqual(Array.from({ length: 9000 }, (_, i) => `r${i}`))
    await expect(
      audience('label', '--model', model, '--data', data, '--out', one, '--threads', '0'),
    ).rejects.toThrow(/exit 2: .*--threads must be a whole number from 1 to 64/)
  })

  it('trains automatically without --model, prints the CV table, and evaluate reports it', async () => {
    const out = join(dir, 'auto.audmodel')
    const train = join(fixtures, 'toy-train.csv')
    const trained = await audience('train', '--data', train, '--time-budget', '600', '--out', out)
    expect(trained).toMatch(/^Automatic selection: \d+ candidates by 5-fold cross-validation/)
    expect(trained).toMatch(/CANDIDATE +MACRO-F1 \(CV\) +FIT S/)
    expect(trained).toMatch(
      /^\* +(nb|cnb|linear-svm|logreg) (C|alpha)=[\d.]+, (word|char) 1(-[23])? +0\.\d{4} ± 0\.\d{4}/m,
    )
    const report = join(dir, 'auto-report.json')
    await audience(
      'evaluate',
      '--model',
      out,
      '--data',
      join(fixtures, 'toy-test.csv'),
      '--report',
      report,
    )
    const json = JSON.parse(readFileSync(report, 'utf8')) as Record<string, unknown>
    expect(Object.keys(json).slice(0, 5)).toEqual([
      'accuracy',
      'macroF1',
      'microF1',
      'weightedF1',
      'perLabel',
    ])
    expect(json.modelSelection).toMatchObject({ method: 'auto', folds: 5, budgetSeconds: 600 })
    const scored = await audience(
      'train',
      '--data',
      train,
      '--model',
      'cnb',
      '--cv',
      '4',
      '--out',
      out,
    )
    expect(scored).toMatch(
      /^4-fold cross-validation on the training rows\n.*\n\* +cnb alpha=1 +0\.\d{4} ± /,
    )
  })

  it('auto lists the candidates its budget left untried, with the work each would have taken', async () => {
    const out = join(dir, 'short.audmodel')
    const train = join(fixtures, 'toy-train.csv')
    const printed = await audience('train', '--data', train, '--time-budget', '1e-6', '--out', out)
    expect(printed).toMatch(/^Automatic selection: 1 candidates .*, \d+ left untried\)/)
    expect(printed).toMatch(
      /Left untried \(work is estimated from the data, .*budget 0\.0M units\):/,
    )
    expect(printed).toMatch(
      /^(nb|cnb|linear-svm|logreg)( per label)? (C|alpha)=[\d.]+, \S+ \d-?\d? +\d+\.\dM +its estimated work did not fit the rest of the budget$/m,
    )
  })

  it('rejects --time-budget and --cv where they do not apply', async () => {
    const out = join(dir, 'never.audmodel')
    const train = (...flags: string[]) =>
      audience('train', '--data', join(fixtures, 'toy-train.csv'), ...flags, '--out', out)
    await expect(train('--model', 'nb', '--time-budget', '5')).rejects.toThrow(
      /^exit 2: .*--time-budget applies to --model auto only/,
    )
    await expect(train('--time-budget', '0')).rejects.toThrow(/^exit 2: .*above 0/)
    await expect(train('--cv', '5')).rejects.toThrow(/^exit 2: .*auto cross-validates already/)
    await expect(train('--model', 'nb', '--cv', '1')).rejects.toThrow(/^exit 2: .*from 2 to 20/)
    expect(existsSync(out)).toBe(false)
  })

  it('rejects a misspelt or bad --param as a usage error naming it, writing no model', async () => {
    const out = join(dir, 'never.audmodel')
    const train = (param: string) =>
      audience(
        'train',
        '--model',
        'nb',
        '--data',
        join(fixtures, 'toy-train.csv'),
        '--param',
        param,
        '--out',
        out,
      )
    await expect(train('alpah=1')).rejects.toThrow(
      /^exit 2: .*Unknown parameter alpah for nb; known: .*alpha/,
    )
    await expect(train('calibration=sometimes')).rejects.toThrow(
      /^exit 2: .*calibration must be one of auto, platt, isotonic, none/,
    )
    expect(existsSync(out)).toBe(false)
  })

  it('rejects an invalid regex naming pattern and position, and a damaged model file', async () => {
    const rules = join(dir, 'bad-rules.csv')
    writeFileSync(rules, 'label,pattern\nx,ab(c\n')
    await expect(
      audience('train', '--model', 'regex', '--rules', rules, '--out', join(dir, 'x.audmodel')),
    ).rejects.toThrow(/\/ab\(c\/, is invalid at position 2/)
    const damaged = join(dir, 'damaged.audmodel')
    writeFileSync(damaged, readFileSync(model).subarray(0, 100))
    await expect(
      audience(
        'evaluate',
        '--model',
        damaged,
        '--data',
        join(fixtures, 'toy-test.csv'),
        '--report',
        join(dir, 'r.json'),
      ),
    ).rejects.toThrow(/damaged.audmodel: The model file is truncated/)
  })

  it('stops a catastrophic regex at the budget, names it, and writes nothing', async () => {
    const rules = join(dir, 'slow-rules.csv')
    writeFileSync(rules, 'label,pattern\nok,^x\nslow,^(a+)+$\n')
    const regex = join(dir, 'slow.audmodel')
    await audience('train', '--model', 'regex', '--rules', rules, '--out', regex)
    const data = join(dir, 'posts.csv')
    writeFileSync(data, `text,label\nxyz,ok\n${'a'.repeat(40)}b,slow\n`)
    const out = join(dir, 'slow-out.csv')
    const started = Date.now()
    const label = audience(
      'label',
      '--model',
      regex,
      '--data',
      data,
      '--out',
      out,
      '--regex-budget',
      '300',
    )
    await expect(label).rejects.toThrow(
      /Regex \/\^\(a\+\)\+\$\/ of label "slow" ran longer than 300 ms/,
    )
    const report = join(dir, 'slow-report.json')
    await expect(
      audience(
        'evaluate',
        '--model',
        regex,
        '--data',
        data,
        '--report',
        report,
        '--regex-budget',
        '300',
      ),
    ).rejects.toThrow(/of label "slow" ran longer than 300 ms/)
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(existsSync(out)).toBe(false)
    expect(existsSync(report)).toBe(false)
    await expect(
      audience('label', '--model', regex, '--data', data, '--out', out, '--regex-budget', 'soon'),
    ).rejects.toThrow(/exit 2: .*--regex-budget must be a whole number/)
  })
})
