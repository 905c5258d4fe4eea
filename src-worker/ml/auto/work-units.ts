import type { Candidate } from './candidates'
import { cjkShare, type FeatureSetName } from './feature-sets'

/**
 * Automatic selection budgets work, not wall time: each candidate is charged units estimated from
 * the data (stored values of its feature set x folds x a per-kind cost), and the time budget is
 * converted at a fixed rate. So which candidates run depends on the data, the seed and the budget
 * only — a busy machine takes longer but tries the same candidates and picks the same model.
 *
 * One unit is about one stored value of one label visited once by a naive Bayes fit. The rate is
 * CPU time on a 2-core x86-64 machine (2026-11: 3,000 rows of zh_thucnews_tw_multi, 28.5 s of
 * units for 23.9 CPU s; of en_ag_news, 13.3 for 11.2), so on an idle machine of that kind a budget
 * of N seconds takes about N seconds.
 */
export const UNITS_PER_SECOND = 25e6

/** Featurising a set for every fold, per stored value (tokenising, counting, TF-IDF per fold). */
const FEATURISE_COST = 15

/** Per stored value, label and fold (naive Bayes scores every label too), at C = 0. */
const KIND_COST: Record<Candidate['kind'], number> = {
  nb: 1,
  cnb: 1,
  'linear-svm': 3,
  logreg: 4,
}

/** Stored values (per document distinct terms, summed) a feature set is expected to hold. */
export function estimatedStoredValues(
  texts: readonly string[],
): (features: FeatureSetName) => number {
  let chars = 0
  for (const text of texts) chars += text.length
  const cjk = cjkShare(texts)
  // Alphabetic text has about one word per six characters; CJK runs give a term per character.
  const words = chars * (cjk + (1 - cjk) / 6)
  const byName: Record<FeatureSetName, number> = {
    'word-1': words,
    'word-1-2': words * 2,
    'char-1-2': chars * 1.6,
    'char-1-3': chars * 2.2,
  }
  return (features) => Math.max(1, Math.round(byName[features]))
}

/** Units of featurising a set of `stored` values for every fold. */
export function featurisingUnits(stored: number): number {
  return FEATURISE_COST * stored
}

/**
 * Units of cross-validating a candidate over k folds on a set of `stored` values: every kind
 * touches each stored value once per label (naive Bayes counting and scoring, the SVM and logistic
 * regression solving a problem per label); the last two need more passes the larger C is.
 */
export function candidateUnits(c: Candidate, stored: number, k: number, width: number): number {
  const perFold = stored * ((k - 1) / k) * Math.max(1, width) * KIND_COST[c.kind]
  const nb = c.kind === 'nb' || c.kind === 'cnb'
  const passes = nb ? 1 : 1 + 0.25 * Math.log2(1 + c.strength)
  return Math.round(perFold * k * passes)
}
