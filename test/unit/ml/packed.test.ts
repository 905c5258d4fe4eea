import { describe, expect, it } from 'vitest'
import {
  packDocs,
  packLabels,
  transferablesOf,
  unpackDocs,
  unpackLabels,
} from '../../../src-worker/ml/packed'

describe('packed documents', () => {
  it('round-trips texts of any script, lone surrogates included, through one code-unit buffer', () => {
    const texts = [
      '',
      'plain',
      '中文標題',
      '𠀀 emoji 😀 mixed',
      'é\u0301',
      'x'.repeat(1000),
      'a\ud800b',
    ]
    const packed = packDocs({
      size: texts.length,
      fields: { content: texts, title: texts.slice().reverse() },
    })
    expect(unpackDocs(packed)).toEqual({
      size: texts.length,
      fields: { content: texts, title: texts.slice().reverse() },
    })
    expect(transferablesOf(packed)).toHaveLength(4)
  })

  it('round-trips label sets as CSR ids', () => {
    const rows = [['a', 'b'], [], ['b'], ['c', 'a']]
    const packed = packLabels(rows)
    expect(packed.names).toEqual(['a', 'b', 'c'])
    expect(unpackLabels(packed)).toEqual(rows)
  })
})
