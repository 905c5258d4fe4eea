import type { LabelExplanation, TermMatch } from '../models/model'
import { CHAR_CLASS, CJK, SEPARATOR, SPACE as SPACE_CLASS, WORD } from '../text/char-class'
import { normalizeText } from '../text/normalize'
import { forEachToken, type TokenizeOptions } from '../text/tokenize'

const SPACE = 32

/** Units shown per label. */
export const MAX_UNITS = 5

/** A term (as the tokenizer spells it) and how much it pushed a label up. */
export interface TermContribution {
  term: string
  weight: number
}

export interface LabelContributions {
  label: string
  /** Positive contributions; a few times MAX_UNITS is plenty, as several terms form one unit. */
  terms: readonly TermContribution[]
}

/** A label's candidate terms by weight only: where they occur is known (see explainSpans). */
export interface LabelWeights {
  label: string
  terms: readonly { weight: number }[]
}

/** Where candidate term `candidate` (counted through every label's terms in order) occurs in
 * the normalised text. */
export interface TermSpan {
  start: number
  end: number
  candidate: number
}

/**
 * Explains labels with pieces of the text people can read instead of the model's terms: a Latin
 * term becomes the whole word it lies in (never a single letter); CJK characters and 2-grams that
 * overlap or touch merge into the longest span of the text they cover; run-edge markers and word
 * pairs become the text they stand for. Each unit weighs the sum of the terms inside it; units
 * repeat once per distinct text (count = occurrences) and at most `limit` are kept per label,
 * strongest first. Units are cut from the original text where normalisation kept offsets.
 */
export function explainText(
  text: string,
  tokenize: TokenizeOptions,
  labels: readonly LabelContributions[],
  limit = MAX_UNITS,
): LabelExplanation[] {
  const candidates = flatten(labels)
  const terms = labels.flatMap((entry) => entry.terms.map((t) => t.term))
  if (terms.length === 0) return []
  const normalized = normalizeText(text)
  const spans = findSpans(normalized, terms, tokenize)
  return unitsByLabel(text, normalized, labels, candidates, spans, limit)
}

/**
 * explainText for a caller that already knows where the terms occur (a TF-IDF encoder heard
 * them while scoring the row): `normalized` is normalizeText(text).
 */
export function explainSpans(
  text: string,
  normalized: string,
  labels: readonly LabelWeights[],
  spans: TermSpan[],
  limit = MAX_UNITS,
): LabelExplanation[] {
  return unitsByLabel(text, normalized, labels, flatten(labels), spans, limit)
}

function unitsByLabel(
  text: string,
  normalized: string,
  labels: readonly LabelWeights[],
  candidates: Candidates,
  spans: TermSpan[],
  limit: number,
): LabelExplanation[] {
  const shown = originalCutter(text, normalized)
  const explained: LabelExplanation[] = []
  labels.forEach((entry, l) => {
    const own = spans.filter((s) => candidates.label[s.candidate] === l)
    const matches = unitsOf(normalized, own, candidates.weights, shown, limit)
    if (matches.length > 0) explained.push({ label: entry.label, matches })
  })
  return explained
}

/** Every label's candidate terms in parallel arrays (this runs per row while predicting). */
interface Candidates {
  weights: number[]
  label: number[]
}

function flatten(labels: readonly LabelWeights[]): Candidates {
  const c: Candidates = { weights: [], label: [] }
  for (let l = 0; l < labels.length; l++) {
    for (const { weight } of labels[l]!.terms) {
      c.weights.push(weight)
      c.label.push(l)
    }
  }
  return c
}

/** Where each candidate term occurs: as a token of the text, else (phrases) as a substring. */
function findSpans(text: string, terms: readonly string[], tokenize: TokenizeOptions): TermSpan[] {
  const spans: TermSpan[] = []
  // Candidates by first code unit: most tokens are rejected by one lookup.
  const byFirst = new Map<number, number[]>()
  terms.forEach((term, c) => {
    const same = byFirst.get(term.charCodeAt(0))
    if (same) same.push(c)
    else byFirst.set(term.charCodeAt(0), [c])
  })
  const found: boolean[] = []
  forEachToken(text, tokenize, {
    token(t, s1, e1, s2, e2) {
      const length = e1 - s1 + (s2 >= 0 ? 1 + e2 - s2 : 0)
      const first = e1 > s1 ? t.charCodeAt(s1) : SPACE
      const same = byFirst.get(first)
      if (!same) return
      for (const c of same) {
        const term = terms[c]!
        if (term.length !== length || !sameToken(term, t, s1, e1, s2, e2)) continue
        spans.push({ start: s1, end: s2 >= 0 ? e2 : e1, candidate: c })
        found[c] = true
      }
    },
  })
  for (let c = 0; c < terms.length; c++) {
    const term = terms[c]!
    if (found[c] || term.trim().length === 0) continue
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length))
      spans.push({ start: at, end: at + term.length, candidate: c })
  }
  return spans
}

function sameToken(term: string, t: string, s1: number, e1: number, s2: number, e2: number) {
  let k = 0
  for (let i = s1; i < e1; i++) if (term.charCodeAt(k++) !== t.charCodeAt(i)) return false
  if (s2 < 0) return true
  if (term.charCodeAt(k++) !== SPACE) return false
  for (let i = s2; i < e2; i++) if (term.charCodeAt(k++) !== t.charCodeAt(i)) return false
  return true
}

function isWord(text: string, i: number): boolean {
  return i >= 0 && i < text.length && CHAR_CLASS[text.charCodeAt(i)] === WORD
}

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff

/** CJK, or half of a surrogate pair (CJK extensions live there). */
function isCjk(text: string, i: number): boolean {
  const code = text.charCodeAt(i)
  return i >= 0 && i < text.length && (CHAR_CLASS[code] === CJK || isSurrogate(code))
}

function isPunctuation(text: string, i: number): boolean {
  const kind = CHAR_CLASS[text.charCodeAt(i)]
  return (kind === SEPARATOR || kind === SPACE_CLASS) && !isSurrogate(text.charCodeAt(i))
}

function unitsOf(
  text: string,
  spans: TermSpan[],
  weights: readonly number[],
  shown: (start: number, end: number) => string,
  limit: number,
): TermMatch[] {
  for (const span of spans) {
    // Whole words: a span starting or ending inside a run of letters/digits grows to its edges.
    while (isWord(text, span.start - 1) && isWord(text, span.start)) span.start--
    while (isWord(text, span.end - 1) && isWord(text, span.end)) span.end++
    // Punctuation at the edges (CJK runs hold it: "死，", "，男") is no part of a unit.
    while (span.start < span.end && isPunctuation(text, span.start)) span.start++
    while (span.end > span.start && isPunctuation(text, span.end - 1)) span.end--
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const units: { start: number; end: number; terms: number[] }[] = []
  for (const span of spans) {
    if (span.start === span.end) continue
    const last = units.at(-1)
    // Overlapping spans merge; touching ones only between CJK characters (not "iphone" + "拍").
    const joins =
      last !== undefined &&
      (span.start < last.end ||
        (span.start === last.end && isCjk(text, span.start - 1) && isCjk(text, span.start)))
    if (last && joins) {
      last.end = Math.max(last.end, span.end)
      if (!last.terms.includes(span.candidate)) last.terms.push(span.candidate)
    } else units.push({ start: span.start, end: span.end, terms: [span.candidate] })
  }
  const byText = new Map<string, { start: number; end: number; count: number; weight: number }>()
  for (const unit of units) {
    const key = text.slice(unit.start, unit.end)
    if (isSingleCharacterWord(text, unit.start, unit.end)) continue
    let weight = 0
    for (const c of unit.terms) weight += weights[c]!
    const known = byText.get(key)
    if (known) {
      known.count++
      known.weight = Math.max(known.weight, weight)
    } else byText.set(key, { start: unit.start, end: unit.end, count: 1, weight })
  }
  return [...byText.values()]
    .sort((a, b) => b.weight - a.weight || a.start - b.start)
    .slice(0, limit)
    .map((u) => ({ term: shown(u.start, u.end), count: u.count, weight: u.weight }))
}

/** One Latin letter or digit on its own ("o", "m"): no unit to show. */
function isSingleCharacterWord(text: string, start: number, end: number): boolean {
  return end - start === 1 && isWord(text, start)
}

/**
 * Cuts a unit found in the normalised text out of the original one. NFKC and case folding keep
 * the offsets of almost every text (each changed unit maps to one unit); where they do not, the
 * normalised text is shown.
 */
function originalCutter(text: string, normalized: string) {
  return keepsOffsets(text, normalized)
    ? (start: number, end: number) => text.slice(start, end)
    : (start: number, end: number) => normalized.slice(start, end)
}

/** Whether a range of the normalised text is the same range of the original (see originalCutter). */
export function keepsOffsets(text: string, normalized: string): boolean {
  return (
    text === normalized || (text.length === normalized.length && sameUnitByUnit(text, normalized))
  )
}

function sameUnitByUnit(text: string, normalized: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const folded = normalized.charCodeAt(i)
    if (code === folded) continue
    // ASCII normalises on its own and only A-Z change, to a-z: no call per capital letter.
    if (code < 128) {
      if (code >= 65 && code <= 90 && folded === code + 32) continue
      return false
    }
    if (isSurrogate(code)) return false
    if (normalizeText(text[i]!) !== normalized[i]) return false
  }
  return true
}
