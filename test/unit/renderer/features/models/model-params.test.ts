import { describe, expect, it } from 'vitest'
import {
  CALIBRATION_OPTIONS,
  changedParams,
  defaultParams,
  isCalibrated,
  isRuleModel,
} from '../../../../../src-renderer/src/features/models/model-params'

describe('model params', () => {
  it('offers the engine defaults per type and none for rule models', () => {
    expect(defaultParams('nb').map((p) => [p.name, p.value])).toEqual([['alpha', 1]])
    expect(defaultParams('logreg').find((p) => p.name === 'C')?.value).toBe(1)
    expect(defaultParams('keyword')).toEqual([])
    expect(isRuleModel('regex')).toBe(true)
    expect(isRuleModel('cnb')).toBe(false)
    expect(isCalibrated('linear-svm')).toBe(true)
    expect(isCalibrated('term-weight')).toBe(false)
    expect(CALIBRATION_OPTIONS[0].value).toBe('auto')
  })

  it('sends only changed, valid values and names the invalid ones', () => {
    const specs = defaultParams('term-weight')
    expect(changedParams(specs, { C: '1', maxTerms: '500' })).toEqual({
      params: { maxTerms: 500 },
      errors: {},
    })
    const { params, errors } = changedParams(specs, { C: '0', maxTerms: '-1' })
    expect(params).toEqual({})
    expect(Object.keys(errors).sort()).toEqual(['C', 'maxTerms'])
  })
})
