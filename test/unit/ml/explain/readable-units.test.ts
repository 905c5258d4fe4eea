import { describe, expect, it } from 'vitest'
import {
  explainText,
  keepsOffsets,
  MAX_UNITS,
  type TermContribution,
} from '../../../../src-worker/ml/explain/readable-units'
import { trainModel } from '../../../../src-worker/ml/models/registry'
import { CHAR_CLASS, WORD } from '../../../../src-worker/ml/text/char-class'
import { normalizeText } from '../../../../src-worker/ml/text/normalize'
import { DEFAULT_TOKENIZE_OPTIONS } from '../../../../src-worker/ml/text/tokenize'
import { makeCorpus } from '../../../helpers/modeling-data'

const options = DEFAULT_TOKENIZE_OPTIONS
const explain = (text: string, terms: TermContribution[], limit?: number) =>
  explainText(text, options, [{ label: 'x', terms }], limit)[0]?.matches ?? []
const units = (text: string, terms: TermContribution[]) =>
  explain(text, terms).map((m) => [m.term, m.count])

describe('readable units', () => {
  it('turns Latin letters and 2-grams inside a CJK run into the whole word, never a letter', () => {
    // The "student: o x2, or, m, ew, rk": character grams of "homework" in a CJK run.
    const terms = ['o', 'or', 'm', 'ew', 'rk'].map((term, i) => ({ term, weight: 1 - i / 10 }))
    const matches = explain('今天homework好多', terms)
    expect(matches).toEqual([{ term: 'homework', count: 1, weight: expect.closeTo(4, 9) }])
  })

  it('gives one unit for a character and its run-edge marker (no "當 x1, 當 x1")', () => {
    const matches = explain('當兵的時候 很累', [
      { term: '當', weight: 0.5 },
      { term: ' 當', weight: 0.25 },
    ])
    expect(matches).toEqual([{ term: '當', count: 1, weight: 0.75 }])
  })

  it('merges overlapping and touching CJK n-grams into the longest span they cover', () => {
    const text = '我女友說當兵很累'
    expect(
      units(text, [
        { term: '女', weight: 0.3 },
        { term: '女友', weight: 0.4 },
        { term: '友', weight: 0.1 },
        { term: '兵', weight: 0.2 },
      ]),
    ).toEqual([
      ['女友', 1],
      ['兵', 1],
    ])
    // 當兵 and 很累 touch: one span.
    expect(
      units(text, [
        { term: '當兵', weight: 0.3 },
        { term: '很累', weight: 0.2 },
      ]),
    ).toEqual([['當兵很累', 1]])
  })

  it('leaves punctuation out of units and does not merge across it', () => {
    expect(
      // Terms are normalised: NFKC turns the full-width comma into ",".
      units('將其掐死，眾女星力挺', [
        { term: '死,', weight: 0.5 },
        { term: ',眾', weight: 0.4 },
        { term: ',', weight: 0.3 },
      ]),
    ).toEqual([
      ['死', 1],
      ['眾', 1],
    ])
  })

  it('keeps Latin letters inside a CJK-Latin span whole and drops lone letters and digits', () => {
    expect(
      units('a股上漲 b 5', [
        { term: 'a', weight: 0.9 },
        { term: 'b', weight: 0.8 },
        { term: '5', weight: 0.7 },
      ]),
    ).toEqual([])
    expect(units('a股上漲', [{ term: 'a股', weight: 0.9 }])).toEqual([['a股', 1]])
    expect(
      units('我用iphone拍照', [
        { term: '拍', weight: 1 },
        { term: 'ph', weight: 2 },
      ]),
    ).toEqual([
      ['iphone', 1],
      ['拍', 1],
    ])
  })

  it('shows word pairs as their text and folds a word into the pair holding it', () => {
    expect(
      units('I moved to New York, a big city', [
        { term: 'new york', weight: 1 },
        { term: 'york', weight: 0.5 },
        { term: 'big city', weight: 0.4 },
      ]),
    ).toEqual([
      ['New York', 1],
      ['big city', 1],
    ])
  })

  it('counts repeated units once with their occurrences, strongest first, at most five', () => {
    const text = 'Football club, football final; the club wins. 球隊贏了 球隊'
    const terms = ['football', 'club', 'final', 'wins', 'the', '球', '隊', '贏'].map((term, i) => ({
      term,
      weight: 1 - i / 10,
    }))
    const matches = explain(text, terms)
    // A merged span weighs all its terms (球 + 隊 + 贏); "Football" and "football" are one unit.
    expect(matches.map((m) => [m.term, m.count])).toEqual([
      ['球隊贏', 1],
      ['Football', 2],
      ['club', 2],
      ['球隊', 1],
      ['final', 1],
    ])
    expect(matches[0]!.weight).toBeCloseTo(0.5 + 0.4 + 0.3, 12)
    expect(matches).toHaveLength(MAX_UNITS)
    expect(explain(text, terms, 2)).toHaveLength(2)
  })

  it('finds phrases that are not tokens (term-weight tables) as they are written', () => {
    expect(units('bubble tea is great', [{ term: 'bubble tea', weight: 1 }])).toEqual([
      ['bubble tea', 1],
    ])
  })

  it('cuts units from the original text when normalisation keeps offsets, else the folded one', () => {
    expect(units('ＦＯＯＴＢＡＬＬ ｃｌｕｂ', [{ term: 'football', weight: 1 }])).toEqual([
      ['ＦＯＯＴＢＡＬＬ', 1],
    ])
    // "ﬁ" becomes "fi" under NFKC: offsets move, so the folded text is shown.
    expect(units('ﬁnal score', [{ term: 'final', weight: 1 }])).toEqual([['final', 1]])
  })

  it('explains each label on its own', () => {
    const explained = explainText('我老婆 and my son', options, [
      { label: 'male', terms: [{ term: '老婆', weight: 1 }] },
      { label: 'parent', terms: [{ term: 'son', weight: 1 }] },
      { label: 'student', terms: [{ term: 'exam', weight: 1 }] },
    ])
    expect(explained).toEqual([
      { label: 'male', matches: [{ term: '老婆', count: 1, weight: 1 }] },
      { label: 'parent', matches: [{ term: 'son', count: 1, weight: 1 }] },
    ])
  })
})

describe('model explanations read as units', () => {
  it('a linear model explains Chinese and English posts by words and CJK spans of the text', () => {
    const rows = makeCorpus(12)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { text: string; label: string })
    const data = { texts: rows.map((r) => r.text), labels: rows.map((r) => [r.label]) }
    const model = trainModel({ kind: 'logreg', params: { C: 10 } }, data)
    const texts = ['帶小孩去公園，my kids love the zoo', 'final exams this week，圖書館讀書到半夜']
    const prediction = model.predictBatch(
      { size: texts.length, fields: { content: texts } },
      { explain: true },
    )
    texts.forEach((text, r) => {
      const explanation = prediction.explanations![r]!
      expect(explanation.length).toBeGreaterThan(0)
      for (const { matches } of explanation) {
        expect(matches.length).toBeGreaterThan(0)
        expect(matches.length).toBeLessThanOrEqual(MAX_UNITS)
        const terms = matches.map((m) => m.term)
        expect(new Set(terms).size).toBe(terms.length)
        for (const term of terms) {
          expect(text).toContain(term)
          const lone = term.length === 1 && CHAR_CLASS[term.charCodeAt(0)] === WORD
          expect(lone).toBe(false)
          // Latin units are whole words: no letter right before or after them in the text.
          const at = text.indexOf(term)
          const before = CHAR_CLASS[text.charCodeAt(at - 1)]
          const after = CHAR_CLASS[text.charCodeAt(at + term.length)]
          if (CHAR_CLASS[term.charCodeAt(0)] === WORD) expect(before).not.toBe(WORD)
          if (CHAR_CLASS[term.charCodeAt(term.length - 1)] === WORD) expect(after).not.toBe(WORD)
        }
        const weights = matches.map((m) => m.weight!)
        expect(weights).toEqual([...weights].sort((a, b) => b - a))
      }
    })
    expect(prediction.explanations![0]![0]!.label).toBe('parent')
    expect(prediction.explanations![1]![0]!.label).toBe('student')
  })
})

describe('keepsOffsets', () => {
  /** Every unit of the text normalises on its own to the unit at its offset. */
  const unitByUnit = (text: string, normalized: string) =>
    text.length === normalized.length &&
    [...Array(text.length).keys()].every(
      (i) => text[i] === normalized[i] || normalizeText(text[i]!) === normalized[i],
    )

  it('folds ASCII capitals without normalising them one by one, as normalising would', () => {
    for (let code = 0; code < 128; code++) {
      const text = `a${String.fromCharCode(code)}Ｂ`
      expect(keepsOffsets(text, normalizeText(text))).toBe(true)
      for (const other of ['A', 'a', 'b', '[', '@', '{', '`', ' ']) {
        const normalized = `a${other}b`
        expect(keepsOffsets(text, normalized)).toBe(unitByUnit(text, normalized))
      }
    }
  })

  it('holds for capitals next to CJK and full-width text, not for a ligature', () => {
    for (const text of ['MY PUPPY 的 iPhone', 'ＦＩＮＡＬ Exams', 'ÉCOLE Été', 'ﬁnal EXAMS']) {
      const normalized = normalizeText(text)
      expect(keepsOffsets(text, normalized)).toBe(unitByUnit(text, normalized))
    }
    expect(keepsOffsets('ﬁnal EXAMS', normalizeText('ﬁnal EXAMS'))).toBe(false)
    expect(keepsOffsets('MY PUPPY 的', normalizeText('MY PUPPY 的'))).toBe(true)
  })
})
