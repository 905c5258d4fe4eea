import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../../../src-worker/ml/text/normalize'
import { tokenize } from '../../../../src-worker/ml/text/tokenize'

describe('normalizeText', () => {
  it('folds case and full-width forms (NFKC)', () => {
    expect(normalizeText('ＡＢＣ　Ｈｅｌｌｏ１２３')).toBe('abc hello123')
    expect(normalizeText('Straße')).toBe('straße')
  })
})

describe('tokenize', () => {
  it('gives words and word 2-grams for Latin text, dropping 1-letter words', () => {
    expect(tokenize('new york is big, a city')).toEqual([
      'new',
      'york',
      'new york',
      'is',
      'york is',
      'big',
      'is big',
      'city',
      'big city',
    ])
  })

  it('gives characters, 2-grams and run edges for CJK runs, Latin inside them included', () => {
    expect(tokenize('a股上漲')).toEqual(['a', ' a', '股', 'a股', '上', '股上', '漲', '上漲', '漲 '])
  })

  it('breaks the word 2-gram chain at a CJK run', () => {
    expect(tokenize('hello 世界 world')).toEqual([
      'hello',
      '世',
      ' 世',
      '界',
      '世界',
      '界 ',
      'world',
    ])
  })

  it('treats a surrogate pair as one character', () => {
    expect(tokenize('𠀀𠀁')).toEqual(['𠀀', ' 𠀀', '𠀁', '𠀀𠀁', '𠀁 '])
  })

  it('respects options', () => {
    const options = { minWordLength: 1, wordBigrams: false, cjkBigrams: false }
    expect(tokenize('a b 中文', options)).toEqual(['a', 'b', '中', '文'])
  })
})

describe('character n-grams', () => {
  const chars = (text: string, n: number) =>
    tokenize(text, { minWordLength: 2, wordBigrams: true, cjkBigrams: true, charNgrams: n })

  it('gives every 1..n-gram of the text, spaces included, as scikit-learn char does', () => {
    expect(chars('ab c', 2)).toEqual(['a', 'ab', 'b', 'b ', ' ', ' c', 'c'])
    expect(chars('中文字', 3)).toEqual(['中', '中文', '中文字', '文', '文字', '字'])
  })

  it('counts a whitespace run as one space and keeps surrogate pairs whole', () => {
    expect(chars('a \t b', 3)).toEqual(['a', 'a ', 'a b', ' ', ' b', 'b'])
    expect(chars('𠀀x', 2)).toEqual(['𠀀', '𠀀x', 'x'])
  })
})
