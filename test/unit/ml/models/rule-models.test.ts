import { describe, expect, it } from 'vitest'
import { rowLabels } from '../../../../src-worker/ml/models/decide'
import { parseKeywordRuleText } from '../../../../src-worker/ml/models/keyword/keyword-rules'
import type { KeywordRule } from '../../../../src-worker/ml/models/keyword/keyword-rules'
import { errorPosition } from '../../../../src-worker/patterns/compile-pattern'
import { createRegexWatch, readRegexWatch } from '../../../../src-worker/patterns/regex-watch'
import { modelFromFile, modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'

const batchOf = (...texts: string[]) => ({ size: texts.length, fields: { content: texts } })

describe('keyword model', () => {
  const rules: KeywordRule[] = [
    { label: 'sports', keyword: 'Football', match: 'partially' },
    { label: 'sports', keyword: '球隊', match: 'partially' },
    { label: 'news', keyword: 'breaking', match: 'start' },
    { label: 'news', keyword: 'update', match: 'end' },
    { label: 'spam', keyword: 'buy now', match: 'exactly' },
  ]
  const model = trainModel({ kind: 'keyword', keywordRules: rules }, null)

  it('matches each match type, case- and width-insensitively', () => {
    const prediction = model.predictBatch(
      batchOf(
        'FOOTBALL and ｆｏｏｔｂａｌｌ',
        'breaking: update',
        'not breaking',
        '  Buy Now ',
        'buy now please',
        '我的球隊',
      ),
    )
    expect(prediction.labels).toEqual(['news', 'spam', 'sports'])
    expect(rowLabels(prediction, 0)).toEqual(['sports'])
    expect(prediction.scores[2]).toBe(2)
    expect(rowLabels(prediction, 1)).toEqual(['news'])
    expect(rowLabels(prediction, 2)).toEqual([])
    expect(rowLabels(prediction, 3)).toEqual(['spam'])
    expect(rowLabels(prediction, 4)).toEqual([])
    expect(rowLabels(prediction, 5)).toEqual(['sports'])
  })

  it('explains with matched keywords and counts', () => {
    const prediction = model.predictBatch(batchOf('football, FOOTBALL, 球隊'), { explain: true })
    expect(prediction.explanations![0]).toEqual([
      {
        label: 'sports',
        matches: [
          { term: 'Football', count: 2 },
          { term: '球隊', count: 1 },
        ],
      },
    ])
  })

  it('explains each keyword once, the most frequent first, at most five per label', () => {
    const many: KeywordRule[] = [
      { label: 'male', keyword: '當', match: 'partially' },
      { label: 'male', keyword: '當', match: 'start' },
      ...['老婆', '兄弟', '當兵', '男生', '球賽'].map((keyword) => ({
        label: 'male',
        keyword,
        match: 'partially' as const,
      })),
    ]
    const keywordModel = trainModel({ kind: 'keyword', keywordRules: many }, null)
    const prediction = keywordModel.predictBatch(batchOf('當兵 老婆 兄弟 男生 球賽 當兵'), {
      explain: true,
    })
    expect(prediction.explanations![0]).toEqual([
      {
        label: 'male',
        matches: [
          { term: '當', count: 2 },
          { term: '當兵', count: 2 },
          { term: '老婆', count: 1 },
          { term: '兄弟', count: 1 },
          { term: '男生', count: 1 },
        ],
      },
    ])
  })

  it('explains matched rows only, leaving the others empty', () => {
    const prediction = model.predictBatch(batchOf('nothing here', 'breaking: 球隊'), {
      explain: true,
    })
    expect(prediction.explanations).toEqual([
      [],
      [
        { label: 'news', matches: [{ term: 'breaking', count: 1 }] },
        { label: 'sports', matches: [{ term: '球隊', count: 1 }] },
      ],
    ])
  })

  it('can be case-sensitive and round-trips through a file', () => {
    const sensitive = trainModel(
      { kind: 'keyword', keywordRules: rules, params: { caseSensitive: true } },
      null,
    )
    expect(rowLabels(sensitive.predictBatch(batchOf('football')), 0)).toEqual([])
    const { model: loaded } = modelFromFile(modelToFile(sensitive))
    expect(rowLabels(loaded.predictBatch(batchOf('Football')), 0)).toEqual(['sports'])
  })

  it('finds overlapping keywords through failure links', () => {
    const overlapping = trainModel(
      {
        kind: 'keyword',
        keywordRules: ['he', 'she', 'his', 'hers'].map((keyword) => ({
          label: keyword,
          keyword,
          match: 'partially',
        })),
        decision: { multiLabel: true },
      },
      null,
    )
    expect(rowLabels(overlapping.predictBatch(batchOf('ushers')), 0)).toEqual(['he', 'hers', 'she'])
  })

  it('parses the plain rule format, absolutely included', () => {
    const text = '# label: Sports\nfootball\tpartially\nclub\n\nfinal\tabsolutely\n'
    expect(parseKeywordRuleText(text, 'file', 'sports.txt')).toEqual([
      { label: 'Sports', keyword: 'football', match: 'partially' },
      { label: 'Sports', keyword: 'club', match: 'partially' },
      { label: 'Sports', keyword: 'final', match: 'exactly' },
    ])
    expect(() => parseKeywordRuleText('x\tsometimes', 'l', 'r.txt')).toThrow(
      /r.txt line 1: unknown match type/,
    )
  })
})

describe('regex model', () => {
  it('labels by matching patterns on NFKC text', () => {
    const model = trainModel(
      {
        kind: 'regex',
        regexRules: [
          { label: 'price', pattern: '\\$\\d+' },
          { label: 'greeting', pattern: '^hello' },
        ],
      },
      null,
    )
    const prediction = model.predictBatch(batchOf('Hello, it costs ＄12', 'nothing'), {
      explain: true,
    })
    // Every label whose rules match, as the old service did.
    expect(rowLabels(prediction, 0)).toEqual(['greeting', 'price'])
    expect(prediction.scores[1]).toBe(1)
    expect(prediction.explanations![0]!.map((e) => e.label)).toEqual(['greeting', 'price'])
    expect(rowLabels(prediction, 1)).toEqual([])
  })

  it('gives only the label with the most matches when asked (best-of)', () => {
    const rules = [
      { label: 'price', pattern: '\\$\\d+' },
      { label: 'price', pattern: 'costs' },
      { label: 'greeting', pattern: '^hello' },
    ]
    const texts = batchOf('Hello, it costs ＄12', 'hello there')
    const all = trainModel({ kind: 'regex', regexRules: rules }, null)
    expect(all.decision.multiLabel).toBe(true)
    expect(all.describe().decisionRule).toBe('Every label with at least 1 matching patterns.')
    expect(rowLabels(all.predictBatch(texts), 0)).toEqual(['greeting', 'price'])
    const best = trainModel(
      { kind: 'regex', regexRules: rules, decision: { multiLabel: false } },
      null,
    )
    expect(rowLabels(best.predictBatch(texts), 0)).toEqual(['price'])
    expect(rowLabels(best.predictBatch(texts), 1)).toEqual(['greeting'])
    expect(best.describe().decisionRule).toMatch(/^The label with the most matching patterns/)
  })

  it('rejects an invalid pattern at load with pattern, position and reason', () => {
    const load = (pattern: string) => () =>
      trainModel({ kind: 'regex', regexRules: [{ label: 'x', pattern }] }, null)
    expect(load('ab(c')).toThrow(/\/ab\(c\/, is invalid at position 2: Unterminated group/)
    expect(load('a**')).toThrow(/position 2: Nothing to repeat/)
    expect(errorPosition('[a-', 'u')).toBe(0)
  })

  it('stops a batch whose patterns exceed the time budget and names the pattern', () => {
    const rules = [
      { label: 'ok', pattern: 'a' },
      { label: 'slow', pattern: '^(a+)+$' },
    ]
    const model = trainModel({ kind: 'regex', regexRules: rules }, null)
    const texts = Array.from({ length: 50 }, () => 'a'.repeat(18) + 'b')
    const cells = new Int32Array(createRegexWatch())
    const watch = { cells, group: 3 }
    expect(() => model.predictBatch(batchOf(...texts), { timeBudgetMs: 1, watch })).toThrow(
      /Regex \/\^\(a\+\)\+\$\/ of label "slow" ran longer than 1 ms/,
    )
    expect(readRegexWatch(cells)).toEqual({ kind: 'model', group: 3, item: 1, overBudget: true })
  })
})
