import type { StatisticalKind } from '../models/linear/estimators'
import type { RawParams } from '../models/params'
import { FEATURE_SET_TITLES, type FeatureSetName } from './feature-sets'

/** One model configuration a search tries: a kind, a feature set and its own parameter. */
export interface Candidate {
  kind: StatisticalKind
  features: FeatureSetName
  /** C for SVM and logistic regression, alpha for naive Bayes. */
  strength: number
  /** Naive Bayes on multi-label data: one binary model per label (binaryPerLabel). */
  binary?: boolean
}

const usesC = (kind: StatisticalKind) => kind === 'linear-svm' || kind === 'logreg'

export function candidateKey(c: Candidate): string {
  return `${c.kind}|${c.binary ? 'binary' : ''}|${c.features}|${c.strength}`
}

/** The model parameters of a candidate (its feature set's, C or alpha, binaryPerLabel). */
export function candidateParams(c: Candidate, featureParams: RawParams): RawParams {
  return {
    ...featureParams,
    ...(usesC(c.kind) ? { C: c.strength } : { alpha: c.strength }),
    ...(c.binary ? { binaryPerLabel: true } : {}),
  }
}

export function candidateTitle(c: Candidate): string {
  const strength = usesC(c.kind) ? `C=${c.strength}` : `alpha=${c.strength}`
  const kind = c.binary ? `${c.kind} per label` : c.kind
  return `${kind} ${strength}, ${FEATURE_SET_TITLES[c.features]}`
}

/** First round: complement NB (cheap) on every feature set, to rank the sets. */
export function screeningRound(order: readonly FeatureSetName[]): Candidate[] {
  return order.map((features) => ({ kind: 'cnb' as const, features, strength: 1 }))
}

/** Then the SVM at its default on every set, best-ranked set first. */
export function svmRound(ranked: readonly FeatureSetName[]): Candidate[] {
  return ranked.map((features) => ({ kind: 'linear-svm' as const, features, strength: 1 }))
}

/**
 * Second round, on the best feature sets: every kind, with a small grid of C or alpha; on
 * multi-label data also naive Bayes as one binary model per label. Cheap kinds come first within
 * a set's costlier ones, so a budget that runs short drops the expensive tail.
 */
export function breadthRound(best: readonly FeatureSetName[], multiLabel: boolean): Candidate[] {
  return best.flatMap((features) => [
    ...(multiLabel
      ? [
          { kind: 'cnb' as const, features, strength: 0.3, binary: true },
          { kind: 'nb' as const, features, strength: 0.1, binary: true },
        ]
      : []),
    { kind: 'cnb' as const, features, strength: 0.3 },
    { kind: 'nb' as const, features, strength: 0.1 },
    { kind: 'linear-svm' as const, features, strength: 0.5 },
    { kind: 'logreg' as const, features, strength: 10 },
    { kind: 'linear-svm' as const, features, strength: 2 },
    { kind: 'nb' as const, features, strength: 1 },
    { kind: 'cnb' as const, features, strength: 0.1 },
    ...(multiLabel ? [{ kind: 'nb' as const, features, strength: 1, binary: true }] : []),
    { kind: 'logreg' as const, features, strength: 30 },
  ])
}

/** Neighbours of the best candidate so far: C halved and doubled, alpha divided and times three. */
export function refinements(best: Candidate): Candidate[] {
  const [down, up] = usesC(best.kind) ? [0.5, 2] : [1 / 3, 3]
  const round = (v: number) => Number(v.toPrecision(3))
  return [
    { ...best, strength: round(best.strength * up) },
    { ...best, strength: round(best.strength * down) },
  ]
}
