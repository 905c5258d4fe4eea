import { learnableLabels } from '../calibration/calibrators'
import { FoldFeatures } from '../cv/fold-features'
import { stratifiedFolds, usableFolds } from '../cv/folds'
import { outOfFoldDecisions } from '../cv/out-of-fold'
import { countTerms, type TermCounts } from '../features/tfidf'
import type { StatisticalKind } from '../models/linear/estimators'
import type { LinearModel } from '../models/linear/linear-model'
import {
  DEFAULT_CV_FOLDS,
  fitStatistical,
  prepareLabels,
  readStatisticalParams,
  type PreparedData,
  type TrainTimings,
} from '../models/linear/linear-train'
import type { ProgressCallback, TrainingSet } from '../models/model'
import { ParamReader } from '../models/params'
import type { TrainConfig } from '../models/train-config'
import {
  breadthRound,
  candidateKey,
  candidateParams,
  candidateTitle,
  refinements,
  RELATIVE_COST,
  screeningRound,
  svmRound,
  type Candidate,
} from './candidates'
import { scoreOutOfFold, type CvScore } from './cv-score'
import { FEATURE_SET_PARAMS, featureSetOrder, type FeatureSetName } from './feature-sets'
import { NO_CONTROL, type SearchControl } from './search-control'
import type { ModelSelection, SelectionRow } from './selection'

/** Seconds automatic selection may spend cross-validating before it fits the chosen model. */
export const DEFAULT_TIME_BUDGET_SECONDS = 60
/** Feature sets that go on to the second round. */
const BEST_FEATURE_SETS = 2
/** Rounds of moving C or alpha around the best candidate. */
const REFINE_ROUNDS = 3

interface Tried {
  candidate: Candidate
  score: CvScore
  seconds: number
  /** Kept for the best candidate only: the final fit's calibration reuses them. */
  oof: Float64Array | null
}

interface FeatureCache {
  counts: TermCounts
  folds: FoldFeatures
  seconds: number
}

const seconds = (since: number) => (performance.now() - since) / 1000

/**
 * Cross-validates candidates on fixed stratified folds within a time budget: featurises each
 * feature set once per fold (shared by every model tried on it), tries the likely strongest
 * first, and skips a candidate the remaining budget would not hold.
 */
class ModelSearch {
  private readonly started = performance.now()
  private readonly features = new Map<FeatureSetName, FeatureCache>()
  /** Stored values (term occurrences per document, summed) of each feature set built. */
  private readonly sizes = new Map<FeatureSetName, number>()
  readonly tried = new Map<string, Tried>()
  best: Tried | null = null
  skipped = 0

  constructor(
    private readonly texts: readonly string[],
    private readonly prepared: PreparedData,
    private readonly folds: Int32Array,
    readonly k: number,
    private readonly seed: number,
    readonly budgetSeconds: number,
    private readonly progress: ProgressCallback,
    private readonly control: SearchControl,
  ) {}

  get elapsed(): number {
    return seconds(this.started)
  }

  run(candidates: readonly Candidate[]): void {
    for (const candidate of candidates) {
      if (this.tried.has(candidateKey(candidate))) continue
      if (this.best && !this.fits(candidate)) {
        this.skipped++
        continue
      }
      this.evaluate(candidate)
    }
  }

  /** The feature sets in order of their best candidate's score. */
  rankedFeatureSets(): FeatureSetName[] {
    const best = new Map<FeatureSetName, number>()
    for (const { candidate, score } of this.tried.values()) {
      best.set(candidate.features, Math.max(best.get(candidate.features) ?? -1, score.mean))
    }
    return [...best.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name)
  }

  /** Frees the fold matrices of feature sets no longer searched. */
  keepOnly(names: readonly FeatureSetName[]): void {
    for (const name of [...this.features.keys()]) {
      if (!names.includes(name)) this.features.delete(name)
    }
  }

  counts(name: FeatureSetName): TermCounts | null {
    return this.features.get(name)?.counts ?? null
  }

  private settingsOf(candidate: Candidate) {
    const config: TrainConfig = {
      kind: candidate.kind,
      params: candidateParams(candidate, FEATURE_SET_PARAMS[candidate.features]),
      seed: this.seed,
    }
    return readStatisticalParams(config, candidate.kind, this.prepared.multiLabel)
  }

  private featuresOf(name: FeatureSetName, tfidf: ReturnType<typeof this.settingsOf>['tfidf']) {
    const cached = this.features.get(name)
    if (cached) return cached.folds
    const started = performance.now()
    const counts = countTerms(this.texts, tfidf.tokenize)
    this.sizes.set(name, counts.ids.length)
    const folds = new FoldFeatures(counts, tfidf, this.folds, this.k, true)
    for (let f = 0; f < this.k; f++) {
      this.control.beforeFold()
      folds.fold(f)
    }
    this.features.set(name, { counts, folds, seconds: seconds(started) })
    return folds
  }

  /** Whether the candidate, and then the final fit of the best, would end within the budget. */
  private fits(candidate: Candidate): boolean {
    const estimate = this.estimate(candidate)
    const finalFit = ((this.best?.seconds ?? 0) / this.k) * 1.5
    return this.elapsed + estimate + finalFit <= this.budgetSeconds
  }

  /**
   * Its time on the same feature set, else another try's time scaled by the kinds' RELATIVE_COST
   * and the feature sets' sizes (stored values), plus featurising when the set is not built yet.
   */
  private estimate(candidate: Candidate): number {
    const size = this.sizes.get(candidate.features)
    let guess = 0
    for (const { candidate: c, seconds: s } of this.tried.values()) {
      if (c.kind === candidate.kind && c.features === candidate.features) return s
      const bySize = size ? size / this.sizes.get(c.features)! : 1
      guess = Math.max(
        guess,
        ((s * RELATIVE_COST[candidate.kind]) / RELATIVE_COST[c.kind]) * bySize,
      )
    }
    if (this.features.has(candidate.features)) return guess
    let featurising = 0
    for (const cache of this.features.values()) featurising = Math.max(featurising, cache.seconds)
    return guess + featurising
  }

  private evaluate(candidate: Candidate): void {
    const { members, labels, multiLabel } = this.prepared
    const width = labels.length
    const title = candidateTitle(candidate)
    const report = (message: string) =>
      this.progress(Math.min(this.elapsed, this.budgetSeconds), this.budgetSeconds, message)
    this.control.beforeCandidate(this.tried.size)
    report(`cross-validating ${title} (${this.tried.size + 1} tried)`)
    const read = this.settingsOf(candidate)
    const features = this.featuresOf(candidate.features, read.tfidf)
    const started = performance.now()
    const oof = outOfFoldDecisions(features, read.settings, members, width, () =>
      this.control.beforeFold(),
    )
    const score = scoreOutOfFold(oof, members, width, this.folds, this.k, multiLabel)
    const tried: Tried = { candidate, score, seconds: seconds(started), oof: null }
    this.tried.set(candidateKey(candidate), tried)
    if (!this.best || score.mean > this.best.score.mean) {
      if (this.best) this.best.oof = null
      tried.oof = oof
      this.best = tried
    }
  }
}

export interface SelectedModel {
  model: LinearModel
  timings: TrainTimings
  selection: ModelSelection
}

/**
 * `--model auto`: cross-validation on the training rows over model kinds (naive Bayes, complement
 * NB, linear SVM, logistic regression), feature sets (word 1, word 1-2, char 1-2, char 1-3), C or
 * alpha and (multi-label) thresholds, within a time budget; then the best candidate is fitted on
 * every row. Parameters: timeBudget (seconds, default 60).
 */
export function selectModel(
  config: TrainConfig,
  data: TrainingSet,
  progress: ProgressCallback,
  control: SearchControl = NO_CONTROL,
): SelectedModel {
  const reader = new ParamReader(config.params ?? {}, 'auto')
  const budgetSeconds = reader.number('timeBudget', DEFAULT_TIME_BUDGET_SECONDS, (v) => v > 0)
  reader.finish()
  const prepared = prepareLabels(config, data)
  const width = prepared.labels.length
  const seed = config.seed ?? 0
  const k = usableFolds(data.texts.length, DEFAULT_CV_FOLDS)
  const order = featureSetOrder(data.texts)
  if (k === 0 || !learnableLabels(prepared.members, width).includes(1)) {
    return fitWithoutSearch(config, data, progress, order[0]!, budgetSeconds)
  }
  const folds = stratifiedFolds(prepared.members, width, k, seed)
  const search = new ModelSearch(
    data.texts,
    prepared,
    folds,
    k,
    seed,
    budgetSeconds,
    progress,
    control,
  )
  search.run(screeningRound(order))
  search.run(svmRound(search.rankedFeatureSets()))
  const leaders = search.rankedFeatureSets().slice(0, BEST_FEATURE_SETS)
  search.keepOnly(leaders)
  search.run(breadthRound(leaders))
  for (let round = 0; round < REFINE_ROUNDS; round++) {
    const before = search.best
    search.run(refinements(search.best!.candidate))
    if (search.best === before) break
  }
  const best = search.best!
  control.beforeFold()
  const searchSeconds = search.elapsed
  const counts = search.counts(best.candidate.features)
  search.keepOnly([])
  const fitted = fitStatistical(
    finalConfig(config, best.candidate),
    data,
    progress,
    counts && best.oof ? { counts, oof: best.oof, folds: k } : undefined,
  )
  const selection: ModelSelection = {
    method: 'auto',
    folds: k,
    budgetSeconds,
    searchSeconds,
    skipped: search.skipped,
    candidates: tableOf([...search.tried.values()], best),
  }
  return {
    model: fitted.model,
    timings: { fitSeconds: fitted.timings.fitSeconds, cvSeconds: searchSeconds },
    selection,
  }
}

function finalConfig(config: TrainConfig, candidate: Candidate): TrainConfig {
  return {
    ...config,
    kind: candidate.kind,
    params: candidateParams(candidate, FEATURE_SET_PARAMS[candidate.features]),
  }
}

/** Too few rows to cross-validate: the usually strongest candidate, unscored. */
function fitWithoutSearch(
  config: TrainConfig,
  data: TrainingSet,
  progress: ProgressCallback,
  features: FeatureSetName,
  budgetSeconds: number,
): SelectedModel {
  const candidate: Candidate = {
    kind: 'linear-svm' satisfies StatisticalKind,
    features,
    strength: 1,
  }
  const fitted = fitStatistical(finalConfig(config, candidate), data, progress)
  const selection: ModelSelection = {
    method: 'auto',
    folds: 0,
    budgetSeconds,
    searchSeconds: 0,
    skipped: 0,
    candidates: [],
  }
  return { ...fitted, selection }
}

function tableOf(tried: readonly Tried[], best: Tried): SelectionRow[] {
  return tried
    .map((t) => ({
      kind: t.candidate.kind,
      features: t.candidate.features,
      strength: t.candidate.strength,
      title: candidateTitle(t.candidate),
      meanMacroF1: t.score.mean,
      stdMacroF1: t.score.std,
      foldMacroF1: t.score.perFold,
      fitSeconds: t.seconds,
      chosen: t === best,
    }))
    .sort((a, b) => b.meanMacroF1 - a.meanMacroF1)
}
