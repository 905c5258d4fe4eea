import type { ModelField, ModelType, TrainKindName } from '@api/contract/models'

export const MODEL_TYPE_OPTIONS: readonly { value: TrainKindName; label: string }[] = [
  { value: 'auto', label: 'Automatic (recommended)' },
  { value: 'nb', label: 'Naive Bayes' },
  { value: 'cnb', label: 'Complement naive Bayes' },
  { value: 'logreg', label: 'Logistic regression' },
  { value: 'linear-svm', label: 'Linear SVM' },
  { value: 'term-weight', label: 'Term weights' },
  { value: 'keyword', label: 'Keyword rules' },
  { value: 'regex', label: 'Regex rules' },
]

export const FIELD_OPTIONS: readonly { value: ModelField; label: string }[] = [
  { value: 'content', label: 'Content' },
  { value: 'title', label: 'Title' },
  { value: 'author', label: 'Author' },
  { value: 'sourceId', label: 'Source id' },
]

export const modelTypeLabel = (kind: ModelType | TrainKindName): string =>
  MODEL_TYPE_OPTIONS.find((o) => o.value === kind)?.label ?? kind

export const isRuleModel = (kind: TrainKindName): kind is 'keyword' | 'regex' =>
  kind === 'keyword' || kind === 'regex'

/** How scores become probabilities (the engine's calibration parameter); auto is its default. */
export const CALIBRATION_OPTIONS = [
  { value: 'auto', label: 'Automatic (Platt; isotonic with 1,000+ rows per label)' },
  { value: 'platt', label: 'Platt (sigmoid)' },
  { value: 'isotonic', label: 'Isotonic' },
  { value: 'none', label: "None (the model's own scores)" },
] as const
export type Calibration = (typeof CALIBRATION_OPTIONS)[number]['value']

/** Statistical models calibrate their scores by cross-validation; rule and term models do not. */
export const isCalibrated = (kind: TrainKindName): boolean =>
  kind === 'nb' || kind === 'cnb' || kind === 'logreg' || kind === 'linear-svm'

export interface ParamSpec {
  name: string
  label: string
  value: number
  min: number
  max?: number
  step: number
  /** What it does, shown under the field. */
  help: string
}

const tfidf: ParamSpec[] = [
  {
    name: 'minDf',
    label: 'Min. document frequency',
    value: 1,
    min: 1,
    step: 1,
    help: 'Ignore terms in fewer documents.',
  },
  {
    name: 'maxFeatures',
    label: 'Max. features (0 = all)',
    value: 0,
    min: 0,
    step: 1000,
    help: 'Keep the most frequent terms only.',
  },
]

/** The engine's defaults (src-worker/ml/models), shown so people see what they change. */
export function defaultParams(kind: TrainKindName): ParamSpec[] {
  switch (kind) {
    case 'auto':
      return [
        {
          name: 'timeBudget',
          label: 'Time budget (seconds)',
          value: 60,
          min: 1,
          step: 10,
          help: 'Seconds of cross-validation work (model types, features, settings) at a fixed rate: a busy machine tries the same candidates, only slower.',
        },
      ]
    case 'nb':
    case 'cnb':
      return [
        {
          name: 'alpha',
          label: 'Smoothing (alpha)',
          value: 1,
          min: 0.001,
          step: 0.1,
          help: 'Higher smooths rare terms more. Left at 1, it is chosen by cross-validation.',
        },
      ]
    case 'logreg':
    case 'linear-svm':
      return [
        {
          name: 'C',
          label: 'Regularisation (C)',
          value: 1,
          min: 0.001,
          step: 0.1,
          help: 'Lower is simpler, higher fits the training data closer.',
        },
        {
          name: 'maxIterations',
          label: 'Max. iterations',
          value: 1000,
          min: 1,
          step: 100,
          help: 'Stop the solver after this many passes.',
        },
        ...tfidf,
      ]
    case 'term-weight':
      return [
        {
          name: 'C',
          label: 'Regularisation (C)',
          value: 1,
          min: 0.001,
          step: 0.1,
          help: 'Lower is simpler.',
        },
        {
          name: 'maxTerms',
          label: 'Max. terms per label (0 = all)',
          value: 5000,
          min: 0,
          step: 1000,
          help: 'Keep the terms that weigh most in the training texts.',
        },
      ]
    case 'keyword':
    case 'regex':
      return []
  }
}

/**
 * The params to send: only values the user changed from the default (so the engine's own defaults
 * stay the source of truth), and only valid numbers.
 */
export function changedParams(
  specs: readonly ParamSpec[],
  values: Readonly<Record<string, string>>,
): { params: Record<string, number>; errors: Record<string, string> } {
  const params: Record<string, number> = {}
  const errors: Record<string, string> = {}
  for (const spec of specs) {
    const raw = values[spec.name]
    if (raw === undefined || raw.trim() === '') continue
    const value = Number(raw)
    if (
      !Number.isFinite(value) ||
      value < spec.min ||
      (spec.max !== undefined && value > spec.max)
    ) {
      errors[spec.name] =
        spec.max !== undefined
          ? `Enter a number from ${spec.min} to ${spec.max}.`
          : `Enter a number of at least ${spec.min}.`
      continue
    }
    if (value !== spec.value) params[spec.name] = value
  }
  return { params, errors }
}
