import { explainText, MAX_UNITS } from '../../explain/readable-units'
import { decodeTerms, encodeTerms } from '../../features/term-codec'
import { TermCounter } from '../../features/term-counter'
import { TermTable } from '../../features/term-table'
import { normalizeText } from '../../text/normalize'
import { forEachToken, tokenize, type TokenizeOptions, type TokenSink } from '../../text/tokenize'
import { assignLabels } from '../decide'
import { AhoCorasick } from '../keyword/aho-corasick'
import { foldTable } from '../keyword/fold-table'
import { compareStrings } from '../label-space'
import type {
  BatchPrediction,
  DecisionParams,
  DocBatch,
  FieldName,
  LabelExplanation,
  Model,
  ModelDescription,
  ModelParts,
  PredictOptions,
  TermMatch,
} from '../model'
import { fieldTexts } from '../model'
import { BIAS_TERM, IDF_LABEL, type TermWeight } from './term-weight-csv'

/**
 * sum (current): a label's score is its bias plus weight x (1 + ln count) of every table term in
 * the text, divided by the text's TF-IDF length: the linear SVM's own decision, written out.
 * average (model files of version 1): the mean weight of the label's terms found in the text.
 */
export type TermWeightRule = 'sum' | 'average'

export interface TermWeightState {
  field: FieldName
  decision: DecisionParams
  params: Record<string, unknown>
  tokenize: TokenizeOptions
  rows: readonly TermWeight[]
  rule: TermWeightRule
}

/** Terms per label handed to explainText: several terms often make one readable unit. */
const CANDIDATE_TERMS = 4 * MAX_UNITS

/**
 * An editable (label, term, weight) table. Terms that are single tokens of the featuriser (words,
 * word pairs, CJK characters and pairs, a CJK run's edge marks, letters inside a CJK run) are
 * found by token lookup, exactly as the TF-IDF featuriser finds them; other edited terms (e.g. a
 * three-character Chinese word) by substring search.
 */
export class TermWeightModel implements Model {
  readonly kind = 'term-weight' as const
  readonly labels: readonly string[]
  readonly field: FieldName
  readonly decision: DecisionParams
  private readonly terms: string[]
  private readonly tokenTerms: TermTable
  private readonly tokenTermIds: Int32Array
  private readonly phrases: AhoCorasick
  private readonly phraseTermIds: Int32Array
  /** Per term: its rows in rowLabel/rowWeight. */
  private readonly termStart: Int32Array
  private readonly rowLabel: Int32Array
  private readonly rowWeight: Float32Array
  /** sum rule: per term its idf (NaN: not part of the length), per label its bias. */
  private readonly idf: Float64Array
  private readonly bias: Float64Array
  private readonly hasIdf: boolean
  private readonly hasBias: boolean

  constructor(readonly state: TermWeightState) {
    this.field = state.field
    this.decision = state.decision
    const sum = state.rule === 'sum'
    const weighted = sum
      ? state.rows.filter((row) => row.label !== IDF_LABEL && row.term !== BIAS_TERM)
      : state.rows
    this.labels = [
      ...new Set(
        (sum ? state.rows.filter((row) => row.label !== IDF_LABEL) : state.rows).map(
          (row) => row.label,
        ),
      ),
    ].sort(compareStrings)
    const column = new Map(this.labels.map((label, i) => [label, i]))
    const idfRows = sum ? state.rows.filter((row) => row.label === IDF_LABEL) : []
    const normalized = weighted.map((row) => normalizeText(row.term))
    this.terms = [...new Set([...normalized, ...idfRows.map((row) => normalizeText(row.term))])]
    const termId = new Map(this.terms.map((term, i) => [term, i]))
    const rowTerm = Int32Array.from(normalized, (term) => termId.get(term)!)
    // Rows grouped by term, in table order within a term (a stable counting sort).
    this.termStart = new Int32Array(this.terms.length + 1)
    for (const t of rowTerm) this.termStart[t + 1]!++
    for (let t = 0; t < this.terms.length; t++) this.termStart[t + 1]! += this.termStart[t]!
    this.rowLabel = new Int32Array(weighted.length)
    this.rowWeight = new Float32Array(weighted.length)
    const next = this.termStart.slice(0, this.terms.length)
    weighted.forEach((row, i) => {
      const at = next[rowTerm[i]!]!++
      this.rowLabel[at] = column.get(row.label)!
      this.rowWeight[at] = row.weight
    })
    this.idf = new Float64Array(this.terms.length).fill(NaN)
    for (const row of idfRows) this.idf[termId.get(normalizeText(row.term))!] = row.weight
    this.bias = new Float64Array(this.labels.length)
    const biasRows = sum ? state.rows.filter((row) => row.term === BIAS_TERM) : []
    for (const row of biasRows) this.bias[column.get(row.label)!]! += row.weight
    this.hasIdf = idfRows.length > 0
    this.hasBias = biasRows.length > 0
    const isToken = this.terms.map((term, t) => {
      // Sum rule: the featuriser's own terms (idf rows) and anything as short as a CJK-run gram
      // (one or two characters, which may be Latin letters inside a Chinese run) are tokens;
      // version 1 models found every term that is not a token of itself as a substring.
      if (sum && (this.idf[t] === this.idf[t] || [...term].length <= 2)) return true
      return tokenize(term, state.tokenize).includes(term)
    })
    const tokenIds = this.terms.map((_, i) => i).filter((i) => isToken[i])
    const phraseIds = this.terms.map((_, i) => i).filter((i) => !isToken[i])
    this.tokenTerms = TermTable.from(tokenIds.map((i) => this.terms[i]!))
    this.tokenTermIds = Int32Array.from(tokenIds)
    this.phraseTermIds = Int32Array.from(phraseIds)
    const phrases = phraseIds.map((i) => ({ text: this.terms[i]!, match: 'partially' as const }))
    this.phrases = new AhoCorasick(phrases, foldTable(true))
  }

  predictBatch(batch: DocBatch, options: PredictOptions = {}): BatchPrediction {
    const texts = fieldTexts(batch, this.field)
    const width = this.labels.length
    const scores = new Float32Array(batch.size * width)
    const explanations: LabelExplanation[][] = []
    const counter = new TermCounter()
    const sink: TokenSink = {
      token: (text, s1, e1, s2, e2, hash) => {
        const id = this.tokenTerms.lookup(text, s1, e1, s2, e2, hash)
        if (id >= 0) counter.add(this.tokenTermIds[id]!)
      },
    }
    const onPhrase = (p: number) => counter.add(this.phraseTermIds[p]!)
    const sums = new Float64Array(width)
    const counts = new Int32Array(width)
    for (let r = 0; r < batch.size; r++) {
      counter.startDocument()
      const text = normalizeText(texts[r]!)
      forEachToken(text, this.state.tokenize, sink)
      if (this.phraseTermIds.length > 0) this.phrases.scan(text, onPhrase)
      if (this.state.rule === 'sum') this.sumRow(counter, scores, r * width)
      else this.averageRow(counter, sums, counts, scores, r * width)
      if (options.explain) explanations.push(this.explain(texts[r]!, counter, scores, r * width))
    }
    const sum = this.state.rule === 'sum'
    const assigned = assignLabels(
      scores,
      this.labels,
      this.decision,
      scores,
      sum && this.hasBias,
      sum,
    )
    const result = { labels: this.labels, noneLabel: this.decision.noneLabel, size: batch.size }
    return { ...result, scores, assigned, ...(options.explain ? { explanations } : {}) }
  }

  /** The factor a term's weights are multiplied by in this text (sum rule). */
  private lengthOf(counter: TermCounter): number {
    if (!this.hasIdf) return 1
    let squares = 0
    for (let k = 0; k < counter.size; k++) {
      const idf = this.idf[counter.ids[k]!]!
      if (idf === idf) squares += ((1 + Math.log(counter.counts[k]!)) * idf) ** 2
    }
    return squares > 0 ? Math.sqrt(squares) : 1
  }

  private sumRow(counter: TermCounter, scores: Float32Array, base: number): void {
    const width = this.labels.length
    const length = this.lengthOf(counter)
    const row = new Float64Array(this.bias)
    for (let k = 0; k < counter.size; k++) {
      const term = counter.ids[k]!
      const tf = (1 + Math.log(counter.counts[k]!)) / length
      for (let j = this.termStart[term]!; j < this.termStart[term + 1]!; j++) {
        row[this.rowLabel[j]!]! += this.rowWeight[j]! * tf
      }
    }
    for (let l = 0; l < width; l++) scores[base + l] = row[l]!
  }

  private averageRow(
    counter: TermCounter,
    sums: Float64Array,
    counts: Int32Array,
    scores: Float32Array,
    base: number,
  ): void {
    sums.fill(0)
    counts.fill(0)
    for (let k = 0; k < counter.size; k++) {
      const term = counter.ids[k]!
      for (let j = this.termStart[term]!; j < this.termStart[term + 1]!; j++) {
        sums[this.rowLabel[j]!]! += this.rowWeight[j]!
        counts[this.rowLabel[j]!]!++
      }
    }
    for (let l = 0; l < this.labels.length; l++)
      scores[base + l] = counts[l]! > 0 ? sums[l]! / counts[l]! : 0
  }

  /**
   * Sum rule: per label, the readable pieces of the text (whole words, merged CJK spans; see
   * explainText) whose terms raised its score most, with what they added. Average rule (version 1
   * files): every matched term with its table weight.
   */
  private explain(
    text: string,
    counter: TermCounter,
    scores: Float32Array,
    base: number,
  ): LabelExplanation[] {
    const sum = this.state.rule === 'sum'
    const length = sum ? this.lengthOf(counter) : 1
    const byLabel = this.labels.map((label): LabelExplanation => ({ label, matches: [] }))
    for (let k = 0; k < counter.size; k++) {
      const term = counter.ids[k]!
      const count = counter.counts[k]!
      const tf = sum ? (1 + Math.log(count)) / length : 1
      for (let j = this.termStart[term]!; j < this.termStart[term + 1]!; j++) {
        const weight = this.rowWeight[j]! * tf
        if (sum && weight <= 0) continue
        byLabel[this.rowLabel[j]!]!.matches.push({ term: this.terms[term]!, count, weight })
      }
    }
    const byWeight = (a: TermMatch, b: TermMatch) => b.weight! - a.weight!
    for (const entry of byLabel) entry.matches.sort(byWeight)
    if (!sum) return byLabel.filter((entry) => entry.matches.length > 0)
    const contributions = byLabel.map((entry) => ({
      label: entry.label,
      terms: entry.matches
        .slice(0, CANDIDATE_TERMS)
        .map((m) => ({ term: m.term, weight: m.weight! })),
    }))
    const units = explainText(text, this.state.tokenize, contributions, MAX_UNITS)
    const score = (entry: LabelExplanation) => scores[base + this.labels.indexOf(entry.label)]!
    return units.filter((entry) => entry.matches.length > 0).sort((a, b) => score(b) - score(a))
  }

  /** The editable term table: what termWeightsToCsv writes and a train with termWeights reads. */
  termWeights(): TermWeight[] {
    return [...this.state.rows]
  }

  /** The same model (field, decision, term units, rule) deciding with an edited table. */
  withTermWeights(rows: readonly TermWeight[]): TermWeightModel {
    return new TermWeightModel({ ...this.state, rows })
  }

  describe(): ModelDescription {
    const { field, decision, params, rows, rule } = this.state
    const weighted = rows.filter((row) => row.label !== IDF_LABEL && row.term !== BIAS_TERM)
    const summary = `term-weight: ${weighted.length} weighted terms for ${this.labels.length} labels on ${field}`
    return {
      kind: this.kind,
      labels: this.labels,
      field,
      decision,
      params: { ...params, rule },
      summary,
      decisionRule: rule === 'sum' ? this.sumRuleText() : AVERAGE_RULE,
    }
  }

  private sumRuleText(): string {
    const length = this.hasIdf
      ? `divided by the text's length: the square root of the sum, over the text's terms with an ${IDF_LABEL} row, of ((1 + ln count) x idf)^2`
      : 'not divided by any length (the table has no idf rows)'
    const single = this.hasBias
      ? 'the label with the highest score'
      : 'the label with the highest score, when it is above its threshold'
    return (
      `A label's score is its ${BIAS_TERM} weight plus, for every table term found in the text, ` +
      `weight x (1 + ln count), ${length}. Multi-label: every label whose score is above its ` +
      `threshold (default ${this.decision.threshold}). Single-label: ${single}. ${TERM_UNITS}`
    )
  }

  serialize(): ModelParts {
    const rows = this.state.rows
    const rowLabels = [...new Set(rows.map((row) => row.label))].sort(compareStrings)
    return {
      meta: { tokenize: this.state.tokenize, rowLabels, rule: this.state.rule },
      sections: {
        terms: encodeTerms(rows.map((row) => row.term)),
        rowLabel: Int32Array.from(rows, (row) => rowLabels.indexOf(row.label)),
        rowWeight: Float64Array.from(rows, (row) => row.weight),
      },
    }
  }
}

const TERM_UNITS =
  'Terms are the featuriser\'s units: words of 2+ letters or digits and word pairs ("new york"), ' +
  'single CJK characters and character pairs, and " X" / "X " for the first and last character of ' +
  'a CJK run; any other table term is found as a substring.'

const AVERAGE_RULE =
  "A label's score is the mean weight of its table terms found in the text (a model of file " +
  'version 1); a label is given when its score reaches its threshold.'

export function termWeightRowsFromParts(parts: ModelParts): TermWeight[] {
  const { terms, rowLabel, rowWeight } = parts.sections
  const labels = parts.meta.rowLabels as string[]
  if (
    !(terms instanceof Uint8Array) ||
    !(rowLabel instanceof Int32Array) ||
    !(rowWeight instanceof Float64Array)
  ) {
    throw new Error('The model file lacks its term table sections.')
  }
  return decodeTerms(terms).map((term, i) => ({
    label: labels[rowLabel[i]!]!,
    term,
    weight: rowWeight[i]!,
  }))
}
