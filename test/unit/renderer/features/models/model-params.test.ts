import { describe, expect, it } from 'vitest'
import {
  changedParams,
  defaultParams,
  isRuleModel,
} from '../../../../../src-renderer/src/features/models/model-params'

describe('model params', () => {
  it('offers the engine defaults per type and none for rule models', () => {
    expect(defaultParams('nb').map((p) => [p.name, p.value])).toEqual([['alpha', 1]])
    expect(defaultParams('logreg').find((p) => p.name === 'C')?.value).toBe(1)
    expect(defaultParams('keyword')).toEqual([])
    expect(isRuleModel('regex')).toBe(true)
    expect(isRuleModel('cnb')).toBe(false)
  })

  it('sends only changed, valid values and names the invalid ones', () => {
    const specs = defaultParams('term-weight')
    expect(changedParams(specs, { C: '1', maxTerms: '500' })).toEqual({
      params: { maxTerms: 500 },
      errors: {},
    })
    const { params, errors } = changedParams(specs, { C: '0', minWeight: '2', maxTerms: '' })
    expect(params).toEqual({})
    expect(Object.keys(errors).sort()).toEqual(['C', 'minWeight'])
  })
})
