import type { ModelField, ModelType } from '@api/contract/models'
import {
  CALIBRATION_OPTIONS,
  FIELD_OPTIONS,
  MODEL_TYPE_OPTIONS,
  type Calibration,
} from './model-params'

export type TrainOn = 'train' | 'train+dev' | 'all'
export type TestOn = 'dev' | 'test' | 'none'

/** The train form's remembered fields (the dataset is the app's selection, not the form's). */
export const TRAIN_DEFAULTS = {
  name: '',
  kind: 'nb',
  field: 'content',
  ruleSetId: '',
  calibration: 'auto',
  trainOn: 'train',
  testOn: 'test',
  exclusionIds: [] as string[],
  /** The dataset trainOn/testOn were derived for: another one derives them again. */
  derivedFor: '',
}
export type TrainFormValues = typeof TRAIN_DEFAULTS

const oneOf = <T extends string>(value: string, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(value) ? (value as T) : fallback

/** The stored strings as the form's types; anything unknown falls back to the default. */
export function readTrainForm(values: TrainFormValues) {
  return {
    kind: oneOf<ModelType>(
      values.kind,
      MODEL_TYPE_OPTIONS.map((o) => o.value),
      'nb',
    ),
    field: oneOf<ModelField>(
      values.field,
      FIELD_OPTIONS.map((o) => o.value),
      'content',
    ),
    calibration: oneOf<Calibration>(
      values.calibration,
      CALIBRATION_OPTIONS.map((o) => o.value),
      'auto',
    ),
    trainOn: oneOf<TrainOn>(values.trainOn, ['train', 'train+dev', 'all'], 'train'),
    testOn: oneOf<TestOn>(values.testOn, ['dev', 'test', 'none'], 'test'),
  }
}

/**
 * What a dataset's splits suggest: with a train split, train on it and evaluate on test (dev when
 * there is no test split); without one, train on everything with no evaluation.
 */
export function splitDefaults(counts: { train: number; dev: number; test: number }): {
  trainOn: TrainOn
  testOn: TestOn
} {
  if (counts.train === 0) return { trainOn: 'all', testOn: 'none' }
  return { trainOn: 'train', testOn: counts.test > 0 ? 'test' : counts.dev > 0 ? 'dev' : 'none' }
}
