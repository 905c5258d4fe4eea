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
  screeningRound,
  svmRound,
  type Candidate,
} from './candidates'
import { scoreOutOfFold, type CvScore } from './cv-score'
import { FEATURE_SET_PARAMS, featureSetOrder, type FeatureSetName } from './feature-sets'
import { NO_CONTROL, type SearchControl } from './search-control'
import type { ModelSelection, SelectionRow, SkippedCandidate } from './selection'
import {
  candidateUnits,
  estimatedStoredValues,
  featurisingUnits,
  UNITS_PER_SECOND,
} from './work-units'

/**
 * Seconds of cross-validation work automatic selection may do before it fits the chosen model,
 * counted in work units at a fixed rate (work-units.ts): on an unloaded machine about that many
 * seconds, on a busy one longer, with the same candidates either way.
 */
export const DEFAULT_TIME_BUDGET_SECONDS = 60
/** Feature sets that go on to the second round. */
const BEST_FEATURE_SETS = 2
/** Rounds of moving C or alpha around the best candidate. */
const REFINE_ROUNDS = 3

interface Tried {
  candidate: Candidate
  score: CvScore
  seconds: number
  units: number
  /** Kept for the best candidate only: the final fit's calibration reuses them. */
  oof: Float64Array | null
}

interface FeatureCache {
  counts: TermCounts
  folds: FoldFeatures
}

/**
 * A safety stop for a machine far slower than the work rate assumes: once this process has spent
 * this many times the budget (and at least CPU_GRACE seconds more) in CPU time, no further
 * candidate starts. CPU time, not wall time, so other programs' load never triggers it (a
 * 2-core machine at load 14 took 208 s of wall time for a 60 s budget's 30 CPU seconds).
 */
const CPU_LIMIT = 3
const CPU_GRACE = 60

/** CPU seconds of this process (every thread: other work in the app counts too). */
const cpuSeconds = () => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1e6
}

const seconds = (since: number) => (performance.now() - since) / 1000

/**
 * Cross-validates candidates on fixed stratified folds within a budget of work units: featurises
 * each feature set once per fold (shared by every model tried on it), tries the likely strongest
 * first, and skips a candidate whose estimated work the rest of the budget would not hold (a later,
 * cheaper one may still run).
 */
class ModelSearch {
  private readonly started = performance.now()
  private readonly cpuStarted = cpuSeconds()
  private readonly features = new Map<FeatureSetName, FeatureCache>()
  /** Stored values (term occurrences per document, summed) of each feature set built. */
  private readonly sizes = new Map<FeatureSetName, number>()
  private readonly estimated: (features: FeatureSetName) => number
  readonly tried = new Map<string, Tried>()
  readonly skipped = new Map<string, SkippedCandidate>()
  best: Tried | null = null
  usedUnits = 0

  constructor(
    private readonly texts: readonly string[],
    private readonly prepared: PreparedData,
    private readonly folds: Int32Array,
    readonly k: number,
    private readonly seed: number,
    readonly budgetSeconds: number,
    private readonly progress: ProgressCallback,
    private readonly control: SearchControl,
  ) {
    this.estimated = estimatedStoredValues(texts)
  }

  get budgetUnits(): number {
    return Math.max(1, Math.round(this.budgetSeconds * UNITS_PER_SECOND))
  }

  get elapsed(): number {
    return seconds(this.started)
  }

  run(candidates: readonly Candidate[]): void {
    for (const candidate of candidates) {
      const key = candidateKey(candidate)
      if (this.tried.has(key)) continue
      const units = this.unitsOf(candidate)
      if (this.best) {
        const reason = this.refusal(units)
        if (reason) {
          this.skipped.set(key, { title: candidateTitle(candidate), reason, workUnits: units })
          continue
        }
      }
      this.skipped.delete(key)
      this.evaluate(candidate, units)
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
    const counts = countTerms(this.texts, tfidf.tokenize)
    this.sizes.set(name, counts.ids.length)
    const folds = new FoldFeatures(counts, tfidf, this.folds, this.k, true)
    for (let f = 0; f < this.k; f++) {
      this.control.beforeFold()
      folds.fold(f)
    }
    this.features.set(name, { counts, folds })
    return folds
  }

  /**
   * Its estimated work: from the feature set's real size once built (else from the text), plus
   * featurising when the set is not built (or was freed) yet.
   */
  private unitsOf(candidate: Candidate): number {
    const stored = this.sizes.get(candidate.features) ?? this.estimated(candidate.features)
    const width = this.prepared.labels.length
    const fit = candidateUnits(candidate, stored, this.k, width)
    return this.features.has(candidate.features) ? fit : fit + featurisingUnits(stored)
  }

  /** Why a candidate of this much work may not run: the budget (with the final fit), or the CPU stop. */
  private refusal(units: number): SkippedCandidate['reason'] | null {
    const limit = Math.max(this.budgetSeconds * CPU_LIMIT, this.budgetSeconds + CPU_GRACE)
    if (cpuSeconds() - this.cpuStarted > limit) return 'cpu'
    const best = this.best!
    const finalFit = Math.round(best.units / this.k)
    return this.usedUnits + units + finalFit <= this.budgetUnits ? null : 'budget'
  }

  private evaluate(candidate: Candidate, units: number): void {
    const { members, labels, multiLabel } = this.prepared
    const width = labels.length
    const title = candidateTitle(candidate)
    this.control.beforeCandidate(this.tried.size)
    this.progress(
      Math.min(this.usedUnits, this.budgetUnits),
      this.budgetUnits,
      `cross-validating ${title} (${this.tried.size + 1} tried)`,
    )
    const read = this.settingsOf(candidate)
    const features = this.featuresOf(candidate.features, read.tfidf)
    const started = performance.now()
    const oof = outOfFoldDecisions(features, read.settings, members, width, () =>
      this.control.beforeFold(),
    )
    const score = scoreOutOfFold(oof, members, width, this.folds, this.k, multiLabel)
    const tried: Tried = { candidate, score, seconds: seconds(started), units, oof: null }
    this.usedUnits += units
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
  search.run(breadthRound(leaders, prepared.multiLabel))
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
    skipped: search.skipped.size,
    candidates: tableOf([...search.tried.values()], best),
    budgetUnits: search.budgetUnits,
    skippedCandidates: [...search.skipped.values()],
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
      ...(t.candidate.binary ? { binaryPerLabel: true } : {}),
      workUnits: t.units,
    }))
    .sort((a, b) => b.meanMacroF1 - a.meanMacroF1)
}
