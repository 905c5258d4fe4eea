import {
  explainSpans,
  MAX_UNITS,
  type LabelWeights,
  type TermSpan,
} from '../../explain/readable-units'
import { MatchedUnits } from '../../explain/matched-units'
import { calibrated, type Calibration } from '../../calibration/calibrators'
import { encodeTerms } from '../../features/term-codec'
import { TermTable } from '../../features/term-table'
import type { Tfidf, TfidfParams } from '../../features/tfidf'
import { assignLabels, LabelAssigner } from '../decide'
import type {
  BatchPrediction,
  DecisionParams,
  DocBatch,
  FieldName,
  LabelExplanation,
  Model,
  ModelDescription,
  ModelKind,
  ModelParts,
  ModelSection,
  PredictOptions,
} from '../model'
import { fieldTexts } from '../model'
import { softmaxOdds } from './estimators'
import { KernelMemory } from './kernel-memory'
import { LinearScorer, TOKEN_FIELDS, tokenEnd } from './linear-scorer'
import { idfOf, portableTables, scorerTables, weightsOf, type ScorerTables } from './scorer-tables'

/**
 * How a row's linear scores become label probabilities. sigmoid: each label's calibration curve
 * on its score. softmax: over the labels (single-label naive Bayes, uncalibrated). softmax-odds:
 * each label's calibration curve on its log-odds against the other labels (single-label naive
 * Bayes, calibrated). The predicted label of a single-label model is always the arg-max of the
 * linear scores, so calibration never changes it.
 */
export type Scoring = 'sigmoid' | 'softmax' | 'softmax-odds'

export interface LinearModelState {
  kind: ModelKind
  labels: readonly string[]
  field: FieldName
  decision: DecisionParams
  params: Record<string, unknown>
  tfidf: Tfidf
  /** (features + 1) x labels, feature-major; the last row is the bias. */
  weights: Float32Array
  scoring: Scoring
  /** Per-label curves for sigmoid and softmax-odds scoring. */
  calibration: Calibration
}

/** Terms kept per explained label before they merge into (at most MAX_UNITS) readable units. */
const TOP_TERMS = 3 * MAX_UNITS

/** Any model that scores labels as a linear function of TF-IDF features: SVM, logreg, NB. */
export class LinearModel implements Model {
  readonly kind: ModelKind
  readonly labels: readonly string[]
  readonly field: FieldName
  readonly decision: DecisionParams
  private scorer: LinearScorer | null = null
  /** Explaining: per term entry of the row, its first candidate (see explainRow). */
  private firstCandidate = new Int32Array(256)
  private readonly units = new MatchedUnits()
  private readonly odds: Float64Array

  /** tables: the scorer's, when the model was loaded (its state's weights are read from them). */
  constructor(
    readonly state: LinearModelState,
    private tables: ScorerTables | null = null,
  ) {
    this.kind = state.kind
    this.labels = state.labels
    this.field = state.field
    this.decision = state.decision
    this.odds = new Float64Array(3 * state.labels.length)
  }

  /** The scorer's tables, as other threads load the model with them (see loadLinearModel). */
  scorerTables(): ScorerTables {
    const { tfidf, weights } = this.state
    this.tables ??= scorerTables(tfidf.vocabulary, tfidf.idf, weights, this.labels.length)
    return portableTables(this.tables)
  }

  predictBatch(batch: DocBatch, options: PredictOptions = {}): BatchPrediction {
    const texts = fieldTexts(batch, this.field)
    const width = this.labels.length
    const raw = new Float32Array(batch.size * width)
    const scores = new Float32Array(batch.size * width)
    const explanations: LabelExplanation[][] = []
    // Built on first use: a model trained only to be described or saved needs no scoring rows.
    this.tables ??= scorerTables(
      this.state.tfidf.vocabulary,
      this.state.tfidf.idf,
      this.state.weights,
      width,
    )
    this.scorer ??= new LinearScorer(this.state.tfidf.params.tokenize, this.tables, width)
    this.scorer.record = options.explain === true || options.explain === 'matched'
    if (options.explain === 'matched') return this.predictMatched(texts, raw, scores)
    for (let r = 0; r < batch.size; r++) {
      const size = this.scorer.score(texts[r]!, raw, r * width)
      this.calibrate(raw, scores, r * width)
      if (options.explain)
        explanations.push(this.explainRow(texts[r]!, size, raw, scores, r * width))
    }
    const assigned = this.assign(scores, raw)
    const result = { labels: this.labels, noneLabel: this.decision.noneLabel, size: batch.size }
    return { ...result, scores, assigned, ...(options.explain ? { explanations } : {}) }
  }

  /**
   * predictBatch with explain 'matched': each row's labels are assigned as soon as it is scored,
   * and each assigned label's matched string is built from the scoring pass's terms (as
   * explainRow + joining its units' texts would give it, without the explanation objects).
   */
  private predictMatched(
    texts: readonly string[],
    raw: Float32Array,
    scores: Float32Array,
  ): BatchPrediction {
    const width = this.labels.length
    const size = texts.length
    const assigned = new Uint8Array(size * width)
    const matched = new Array<string>(size * width)
    const assigner = new LabelAssigner(this.labels, this.decision)
    for (let r = 0; r < size; r++) {
      const base = r * width
      this.scorer!.score(texts[r]!, raw, base)
      this.calibrate(raw, scores, base)
      assigner.row(scores, raw, base, assigned)
      let first = true
      for (let l = 0; l < width; l++) {
        if (!assigned[base + l]) continue
        if (first) this.units.row(texts[r]!, this.scorer!.tokens.normalized)
        first = false
        const text = this.matchedText(l)
        if (text !== undefined) matched[base + l] = text
      }
    }
    const result = { labels: this.labels, noneLabel: this.decision.noneLabel, size }
    return { ...result, scores, assigned, matched }
  }

  /** The matched string of label l for the row just scored. */
  private matchedText(l: number): string | undefined {
    const scorer = this.scorer!
    const kept = scorer.selectTop(l, TOP_TERMS)
    if (kept === 0) return undefined
    const units = scorer.matchedUnits(scorer.matchedSpans(kept), MAX_UNITS)
    return units === 0 ? undefined : this.units.joined(scorer.views.units, units)
  }

  /** Label probabilities of one row from its decision values. */
  private calibrate(raw: Float32Array, scores: Float32Array, base: number): void {
    const { scoring, calibration } = this.state
    const width = this.labels.length
    if (scoring === 'sigmoid') {
      const sigmoids = calibration.sigmoids
      if (calibration.isoOffsets.length === 0) {
        // The common case, inlined: Platt curves (or the plain sigmoid) only.
        for (let l = 0; l < width; l++) {
          const z = sigmoids[2 * l]! * raw[base + l]! + sigmoids[2 * l + 1]!
          scores[base + l] = 1 / (1 + Math.exp(z))
        }
        return
      }
      for (let l = 0; l < width; l++) scores[base + l] = calibrated(calibration, l, raw[base + l]!)
      return
    }
    if (scoring === 'softmax-odds') {
      const odds = this.odds
      softmaxOdds(raw, base, width, odds, 0, odds.subarray(width))
      for (let l = 0; l < width; l++) scores[base + l] = calibrated(calibration, l, odds[l]!)
      return
    }
    let max = -Infinity
    for (let l = 0; l < width; l++) max = Math.max(max, raw[base + l]!)
    let sum = 0
    for (let l = 0; l < width; l++) sum += Math.exp(raw[base + l]! - max)
    for (let l = 0; l < width; l++) scores[base + l] = Math.exp(raw[base + l]! - max) / sum
  }

  private assign(scores: Float32Array, raw: Float32Array): Uint8Array {
    return assignLabels(scores, this.labels, this.decision, raw)
  }

  /**
   * Explains the labels this row gets (the top-ranked one when it gets none) by the readable units
   * of the text holding the terms that push each label up most.
   */
  private explainRow(
    text: string,
    size: number,
    raw: Float32Array,
    scores: Float32Array,
    base: number,
  ): LabelExplanation[] {
    const width = this.labels.length
    if (width === 0) return []
    const explained: number[] = []
    if (this.decision.multiLabel) {
      const row = this.assign(scores.subarray(base, base + width), raw.subarray(base, base + width))
      for (let l = 0; l < width; l++) if (row[l]) explained.push(l)
    }
    // Single-label rows get the top-ranked label or none: explain the top-ranked one either way.
    if (explained.length === 0) {
      let best = 0
      for (let l = 1; l < width; l++) if (raw[base + l]! > raw[base + best]!) best = l
      explained.push(best)
    }
    const labels = explained.map((l) => ({ label: this.labels[l]!, terms: this.topTerms(l) }))
    // Candidates by the row's term entry (a small array, unlike a map keyed by vocabulary id).
    if (this.firstCandidate.length < size) this.firstCandidate = new Int32Array(2 * size)
    const first = this.firstCandidate.fill(-1, 0, size)
    const entries = labels.flatMap(({ terms }) => terms.map((term) => term.entry))
    const next = new Int32Array(entries.length)
    // Linked from the last candidate back, so each entry's list runs in candidate order.
    for (let c = entries.length - 1; c >= 0; c--) {
      next[c] = first[entries[c]!]!
      first[entries[c]!] = c
    }
    const { at, count, normalized } = this.scorer!.tokens
    const spans: TermSpan[] = []
    for (let t = 0; t < TOKEN_FIELDS * count; t += TOKEN_FIELDS) {
      const entry = at[t + 4]!
      if (entry < 0) continue
      const end = tokenEnd(at, t)
      for (let candidate = first[entry]!; candidate >= 0; candidate = next[candidate]!)
        spans.push({ start: at[t]!, end, candidate })
    }
    return explainSpans(text, normalized, labels, spans)
  }

  /** The terms of the encoded row pushing label l up most, strongest first (ties in text order). */
  private topTerms(l: number): (LabelWeights['terms'][number] & { entry: number })[] {
    const scorer = this.scorer!
    const kept = scorer.selectTop(l, TOP_TERMS)
    const { topEntries, topWeights } = scorer.views
    const terms: (LabelWeights['terms'][number] & { entry: number })[] = []
    for (let t = 0; t < kept; t++) terms.push({ entry: topEntries[t]!, weight: topWeights[t]! })
    return terms
  }

  describe(): ModelDescription {
    const { kind, labels, field, decision, params, tfidf } = this.state
    const summary = `${kind}: ${labels.length} labels over ${tfidf.vocabulary.size} terms of ${field}`
    const decisionRule = describeLinearRule(this.state)
    return { kind, labels, field, decision, params, summary, decisionRule }
  }

  serialize(): ModelParts {
    const { tfidf, scoring, weights, calibration } = this.state
    const { sigmoids, isoOffsets, isoX, isoY } = calibration
    const isotonic: Record<string, ModelSection> =
      isoOffsets.length > 0 ? { isoOffsets, isoX, isoY } : {}
    return {
      meta: { tfidf: tfidf.params, scoring },
      sections: {
        vocabulary: encodeTerms(tfidf.terms),
        idf: tfidf.idf,
        weights,
        sigmoids,
        ...isotonic,
      },
    }
  }
}

type Header = Omit<LinearModelState, 'tfidf' | 'weights' | 'scoring' | 'calibration'>

const SCORINGS: readonly Scoring[] = ['sigmoid', 'softmax', 'softmax-odds']

/** How a model is loaded: over tables another thread built, or building them. */
export interface LoadTables {
  tables?: ScorerTables
}

/**
 * The model of a file's parts. Its weights, idf and vocabulary are held once, in the scorer's
 * tables (built here, or given: another thread's, in shared buffers); the state's weights, idf and
 * terms are read back from them only when asked for (saving the model), never kept.
 */
export function loadLinearModel(
  header: Header,
  parts: ModelParts,
  load: LoadTables = {},
): LinearModel {
  const { vocabulary, idf, weights, sigmoids, isoOffsets, isoX, isoY } = parts.sections
  if (!(vocabulary instanceof Uint8Array) || !(idf instanceof Float32Array)) {
    throw new Error('The model file lacks its vocabulary or idf section.')
  }
  if (!(weights instanceof Float32Array) || !(sigmoids instanceof Float64Array)) {
    throw new Error('The model file lacks its weights or sigmoids section.')
  }
  const width = header.labels.length
  const tables = load.tables ?? tablesOfFile(vocabulary, idf, weights, width)
  // Version 1 files wrote 'sigmoid' or 'softmax' and no curves: they score exactly as before.
  const scoring = SCORINGS.find((s) => s === parts.meta.scoring) ?? 'sigmoid'
  const calibration = {
    sigmoids,
    isoOffsets: isoOffsets instanceof Int32Array ? isoOffsets : new Int32Array(0),
    isoX: isoX instanceof Float64Array ? isoX : new Float64Array(0),
    isoY: isoY instanceof Float64Array ? isoY : new Float64Array(0),
  }
  const curves = calibration.isoOffsets
  if (
    (scoring !== 'softmax' && sigmoids.length !== 2 * width) ||
    (curves.length > 0 &&
      (curves.length !== width + 1 || curves[width] !== calibration.isoX.length))
  ) {
    throw new Error('The model file calibration does not match its labels.')
  }
  const params = parts.meta.tfidf as TfidfParams
  return new LinearModel(
    stateOverTables({ ...header, scoring, calibration }, params, tables),
    tables,
  )
}

/**
 * A state whose weights, idf and terms are read from the tables when asked for. Built apart from
 * loadLinearModel: closures there would keep the file's decoded sections alive with the model.
 */
function stateOverTables(
  rest: Omit<LinearModelState, 'tfidf' | 'weights'>,
  params: TfidfParams,
  tables: ScorerTables,
): LinearModelState {
  const width = rest.labels.length
  const table = tables.table ?? TermTable.fromParts(tables.vocabulary)
  const tfidf: Tfidf = {
    params,
    vocabulary: table,
    get terms() {
      return table.terms()
    },
    get idf() {
      return idfOf(tables, width)
    },
  }
  return {
    ...rest,
    tfidf,
    get weights() {
      return weightsOf(tables, width)
    },
  }
}

function tablesOfFile(
  vocabulary: Uint8Array,
  idf: Float32Array,
  weights: Float32Array,
  width: number,
): ScorerTables {
  // Built where the scoring kernel reads it: no copy of the vocabulary on the way.
  const kernel = new KernelMemory()
  const table = TermTable.fromUtf8(vocabulary, kernel.allocate)
  if (weights.length !== (table.size + 1) * width || idf.length !== table.size) {
    throw new Error('The model file weights do not match its vocabulary and labels.')
  }
  return scorerTables(table, idf, weights, width, kernel)
}

/** In words: how a linear model's scores become probabilities and labels. */
function describeLinearRule(state: LinearModelState): string {
  const { scoring, calibration, params, decision, labels } = state
  const isotonic = labels.filter((_, l) => {
    const offsets = calibration.isoOffsets
    return offsets.length > 0 && offsets[l + 1]! > offsets[l]!
  }).length
  const folds = typeof params.cvFolds === 'number' && params.cvFolds > 0 ? params.cvFolds : 0
  const fitted = `fitted on out-of-fold decisions of ${folds}-fold cross-validation`
  const method = params.calibration
  let curve: string
  if (scoring === 'softmax') curve = "the softmax of the labels' log-likelihoods"
  else if (method === undefined) curve = 'a Platt sigmoid per label (model file version 1)'
  else if (method === 'none' || folds === 0) curve = 'the plain sigmoid 1 / (1 + e^-x)'
  else if (isotonic === labels.length) curve = `an isotonic curve per label, ${fitted}`
  else if (isotonic > 0)
    curve = `isotonic curves (${isotonic} labels) and Platt sigmoids, ${fitted}`
  else curve = `a Platt sigmoid per label, ${fitted}`
  const value =
    scoring === 'sigmoid'
      ? "its decision value (a linear function of the text's TF-IDF terms)"
      : 'its naive Bayes log-odds against the other labels'
  const scores =
    scoring === 'softmax'
      ? `Probabilities: ${curve}.`
      : `A label's probability is ${value} through ${curve}.`
  const tuned = Object.entries(decision.thresholds)
  const thresholds =
    tuned.length === 0
      ? ''
      : `; per label: ${tuned.map(([label, t]) => `${label} ${t.toFixed(3)}`).join(', ')}` +
        (params.tuneThresholds === true ? ' (chosen by cross-validation for the best F1)' : '')
  const none = decision.noneLabel === null ? '' : `; "${decision.noneLabel}" when none does`
  const rule = decision.multiLabel
    ? `Multi-label: every label whose probability reaches its threshold (${decision.threshold}${thresholds})${none}.`
    : `Single-label: the label with the highest decision value (calibration never changes it)${
        decision.noneLabel === null
          ? ''
          : `, or "${decision.noneLabel}" when its probability is below ${decision.threshold}`
      }.`
  return `${scores} ${rule}`
}
