import { describe, expect, it } from 'vitest'
import {
  readTrainForm,
  splitDefaults,
  TRAIN_DEFAULTS,
} from '../../../../../src-renderer/src/features/models/train-form-values'
import { mergeFormValues } from '../../../../../src-renderer/src/lib/remembered-form'

describe('train form defaults', () => {
  it('trains on train and evaluates on test when the dataset has splits', () => {
    expect(splitDefaults({ train: 80, dev: 10, test: 10 })).toEqual({
      trainOn: 'train',
      testOn: 'test',
    })
    expect(splitDefaults({ train: 90, dev: 10, test: 0 })).toEqual({
      trainOn: 'train',
      testOn: 'dev',
    })
  })

  it('trains on everything without an evaluation when the dataset has no split', () => {
    expect(splitDefaults({ train: 0, dev: 0, test: 0 })).toEqual({ trainOn: 'all', testOn: 'none' })
  })

  it('reads unknown stored strings as the defaults', () => {
    const read = readTrainForm({ ...TRAIN_DEFAULTS, kind: 'gpt', trainOn: 'everything' })
    expect(read).toMatchObject({ kind: 'auto', trainOn: 'train', calibration: 'auto' })
    expect(readTrainForm({ ...TRAIN_DEFAULTS, kind: 'linear-svm' }).kind).toBe('linear-svm')
  })
})

describe('mergeFormValues', () => {
  it('takes stored values over defaults, dropping unknown fields and wrong types', () => {
    const merged = mergeFormValues(TRAIN_DEFAULTS, {
      kind: 'logreg',
      name: 42,
      exclusionIds: 'x',
      stray: 'y',
    })
    expect(merged).toEqual({ ...TRAIN_DEFAULTS, kind: 'logreg' })
    expect(mergeFormValues(TRAIN_DEFAULTS, { exclusionIds: ['a'] }).exclusionIds).toEqual(['a'])
    expect(mergeFormValues(TRAIN_DEFAULTS, undefined)).toEqual(TRAIN_DEFAULTS)
  })
})
