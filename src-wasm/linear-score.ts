/**
 * LinearScorer's scoring pass in AssemblyScript, compiled to WebAssembly (npm run build:wasm):
 * the same tokens (tokenize.ts, char-grams.ts), lookups (term-table.ts), counts (term-counter.ts)
 * and float64 TF-IDF with float32 label sums as the TypeScript it replaces, bit for bit; then, for
 * the matched strings, a label's strongest terms, where they occur and the readable units they make
 * (as explain/readable-units.ts makes them). The memory is the caller's
 * (shared by the labelling threads, see kernel-memory.ts): it lays out the model's tables and a
 * scratch area per thread and passes their addresses; nothing here allocates. Not TypeScript:
 * `asc` checks it (see src-wasm/tsconfig.json).
 */

/** Math.log of JavaScript, for term counts past the TF table (as the TypeScript computed them). */
declare function log(x: f64): f64
/** classifyCodePoint of char-class.ts, for the rare supplementary character. */
declare function classifyCodePoint(codePoint: i32): i32

const HASH_BASE: u32 = 0x01000193
const POWER_2: u32 = HASH_BASE * HASH_BASE
const SPACE_UNIT: u32 = 32
const SEPARATOR: u32 = 0
const WORD: u32 = 1
const CJK: u32 = 2
const HIGH_SURROGATE: u32 = 3
const SPACE: u32 = 4
const TOKEN_BYTES: usize = 20
const TF_ENTRIES: i32 = 64

// The model's tables.
let slots: usize = 0
let slotMask: u32 = 0
let units: usize = 0
let starts: usize = 0
let rows: usize = 0
let bias: usize = 0
let width: i32 = 0
let charClass: usize = 0
let tfTable: usize = 0
// The scratch area, sized by the caller for the text.
let text: usize = 0
let tokens: usize = 0
let counterKeys: usize = 0
let counterIndex: usize = 0
let counterMask: u32 = 0
let counterShift: u32 = 0
let slotOf: usize = 0
let ids: usize = 0
let counts: usize = 0
let values: usize = 0
let sums: usize = 0
let products: usize = 0
let productRows: i32 = 0
let gramStarts: usize = 0
let gramPlain: usize = 0
// Tokenizer options.
let minWordLength: i32 = 2
let wordBigrams: bool = true
let cjkBigrams: bool = true
let charNgrams: i32 = 0
// The last text's.
let textLength: i32 = 0
let tokenCount: i32 = 0
let termCount: i32 = 0
let touchedSum: f64 = 0

export function setTables(
  slotsAt: usize,
  mask: u32,
  unitsAt: usize,
  startsAt: usize,
  rowsAt: usize,
  biasAt: usize,
  labels: i32,
  charClassAt: usize,
  tfAt: usize,
): void {
  slots = slotsAt
  slotMask = mask
  units = unitsAt
  starts = startsAt
  rows = rowsAt
  bias = biasAt
  width = labels
  charClass = charClassAt
  tfTable = tfAt
}

export function setTokenize(minWord: i32, words2: i32, cjk2: i32, chars: i32): void {
  minWordLength = minWord
  wordBigrams = words2 != 0
  cjkBigrams = cjk2 != 0
  charNgrams = chars
}

export function setScratch(
  textAt: usize,
  tokensAt: usize,
  keysAt: usize,
  indexAt: usize,
  keysMask: u32,
  keysShift: u32,
  slotOfAt: usize,
  idsAt: usize,
  countsAt: usize,
  valuesAt: usize,
  sumsAt: usize,
  productsAt: usize,
  rowsPerLabel: i32,
  gramStartsAt: usize,
  gramPlainAt: usize,
): void {
  text = textAt
  tokens = tokensAt
  counterKeys = keysAt
  counterIndex = indexAt
  counterMask = keysMask
  counterShift = keysShift
  slotOf = slotOfAt
  ids = idsAt
  counts = countsAt
  values = valuesAt
  sums = sumsAt
  products = productsAt
  productRows = rowsPerLabel
  gramStarts = gramStartsAt
  gramPlain = gramPlainAt
  termCount = 0
}

export function lastTokenCount(): i32 {
  return tokenCount
}

/** Read by nothing that matters: keeps the touch passes' loads. */
export function touched(): f64 {
  return touchedSum
}

function unit(i: i32): u32 {
  return <u32>load<u16>(text + ((<usize>i) << 1))
}

function classOf(i: i32): u32 {
  return <u32>load<u8>(charClass + <usize>unit(i))
}

/** Whether text[i] starts a well-formed surrogate pair. */
function isPair(i: i32): bool {
  const code = unit(i)
  if (code < 0xd800 || code > 0xdbff || i + 1 >= textLength) return false
  const low = unit(i + 1)
  return low >= 0xdc00 && low <= 0xdfff
}

/** classAt of tokenize.ts: the class, | 8 for a surrogate pair. */
function classAt(i: i32): u32 {
  const kind = classOf(i)
  if (kind != HIGH_SURROGATE) return kind
  if (!isPair(i)) return SEPARATOR
  const codePoint = ((<i32>unit(i) - 0xd800) << 10) + (<i32>unit(i + 1) - 0xdc00) + 0x10000
  return (<u32>classifyCodePoint(codePoint)) | 8
}

function mix(hash: u32): u32 {
  let h = hash
  h ^= h >> 16
  h *= 0x85ebca6b
  h ^= h >> 13
  h *= 0xc2b2ae35
  return h ^ (h >> 16)
}

function joinHashes(first: u32, second: u32, secondPower: u32): u32 {
  return (first * HASH_BASE + SPACE_UNIT) * secondPower + second
}

function rangeHash(start: i32, end: i32): u32 {
  let hash: u32 = 0
  for (let i = start; i < end; i++) hash = hash * HASH_BASE + unit(i)
  return hash
}

/** Token: its ranges (s1, e1, s2, e2) and its lookup key, replaced later by its term entry. */
function token(s1: i32, e1: i32, s2: i32, e2: i32, hash: u32): void {
  const at = tokens + <usize>tokenCount * TOKEN_BYTES
  store<i32>(at, s1)
  store<i32>(at, e1, 4)
  store<i32>(at, s2, 8)
  store<i32>(at, e2, 12)
  store<u32>(at, mix(hash), 16)
  tokenCount++
}

function characterGrams(start: i32, end: i32): void {
  let previous = -1
  let previousHash: u32 = 0
  let k = start
  while (k < end) {
    const pair = isPair(k)
    const step = pair ? 2 : 1
    const hash = pair ? unit(k) * HASH_BASE + unit(k + 1) : unit(k)
    const power = pair ? POWER_2 : HASH_BASE
    token(k, k + step, -1, -1, hash)
    if (cjkBigrams) {
      if (previous >= 0) token(previous, k + step, -1, -1, previousHash * power + hash)
      else token(k, k, k, k + step, joinHashes(0, hash, power))
    }
    previous = k
    previousHash = hash
    k += step
  }
  if (cjkBigrams) token(previous, end, end, end, joinHashes(previousHash, 0, 1))
}

/** forEachToken of tokenize.ts (words and CJK runs). */
function wordTokens(): void {
  const length = textLength
  let previous = -1
  let previousEnd = -1
  let previousHash: u32 = 0
  let i = 0
  while (i < length) {
    while (i < length && classOf(i) == SPACE) i++
    const start = i
    let hasCjk = false
    while (i < length && classOf(i) != SPACE) {
      const kind = classAt(i)
      if ((kind & 7) == CJK) hasCjk = true
      i += kind & 8 ? 2 : 1
    }
    if (start == i) break
    if (hasCjk) {
      characterGrams(start, i)
      previous = -1
      continue
    }
    let wordStart = -1
    let hash: u32 = 0
    let power: u32 = 1
    let k = start
    while (k <= i) {
      const kind = k < i ? classAt(k) : SEPARATOR
      const step = kind & 8 ? 2 : 1
      if ((kind & 7) == WORD) {
        if (wordStart < 0) {
          wordStart = k
          hash = 0
          power = 1
        }
        for (let u = k; u < k + step; u++) {
          hash = hash * HASH_BASE + unit(u)
          power *= HASH_BASE
        }
      } else if (wordStart >= 0) {
        if (k - wordStart >= minWordLength) {
          token(wordStart, k, -1, -1, hash)
          if (previous >= 0 && wordBigrams)
            token(previous, previousEnd, wordStart, k, joinHashes(previousHash, hash, power))
          previous = wordStart
          previousEnd = k
          previousHash = hash
        }
        wordStart = -1
      }
      k += step
    }
  }
}

function gramStart(u: i32): i32 {
  return load<i32>(gramStarts + ((<usize>u) << 2))
}

/** forEachCharGram of char-grams.ts: character 1..charNgrams-grams, whitespace runs as one space. */
function charGramTokens(): void {
  const length = textLength
  let count = 0
  let i = 0
  while (i < length) {
    store<i32>(gramStarts + ((<usize>count) << 2), i)
    let plain: i32 = 1
    if (classOf(i) == SPACE) {
      const runStart = i
      while (i < length && classOf(i) == SPACE) i++
      plain = i - runStart == 1 && unit(runStart) == SPACE_UNIT ? 1 : 0
    } else i += isPair(i) ? 2 : 1
    store<i32>(gramPlain + ((<usize>count) << 2), plain)
    count++
  }
  store<i32>(gramStarts + ((<usize>count) << 2), length)
  for (let u = 0; u < count; u++)
    for (let n = 1; n <= charNgrams && u + n <= count; n++) charGram(u, u + n)
}

function charGram(from: i32, to: i32): void {
  let split = -1
  for (let u = from; u < to; u++) {
    if (load<i32>(gramPlain + ((<usize>u) << 2)) != 0) continue
    if (split >= 0) return
    split = u
  }
  const s1 = gramStart(from)
  if (split < 0) {
    token(s1, gramStart(to), -1, -1, rangeHash(s1, gramStart(to)))
    return
  }
  const e1 = gramStart(split)
  const s2 = gramStart(split + 1)
  const e2 = gramStart(to)
  let power: u32 = 1
  for (let n = s2; n < e2; n++) power *= HASH_BASE
  token(s1, e1, s2, e2, joinHashes(rangeHash(s1, e1), rangeHash(s2, e2), power))
}

/** Code unit p of text[s1, e1) (+ ' ' + text[s2, e2)), 0 past its end. */
function unitOfRange(s1: i32, e1: i32, s2: i32, e2: i32, p: i32): u32 {
  if (p < e1 - s1) return unit(s1 + p)
  if (s2 < 0) return 0
  if (p == e1 - s1) return SPACE_UNIT
  const at = s2 + p - (e1 - s1) - 1
  return at < e2 ? unit(at) : 0
}

function pack(first: u32, second: u32): u32 {
  return first != 0 && second != 0 ? first | (second << 16) : 0
}

/** packedRange of term-table.ts: the slot word of a term of one or two code units, else 0. */
function packedRange(s1: i32, e1: i32, s2: i32, e2: i32): u32 {
  if (s2 < 0) {
    if (e1 - s1 == 1) return unit(s1)
    return e1 - s1 == 2 ? pack(unit(s1), unit(s1 + 1)) : 0
  }
  const length = e1 - s1 + 1 + e2 - s2
  if (length == 1) return SPACE_UNIT
  if (length != 2) return 0
  return pack(unitOfRange(s1, e1, s2, e2, 0), unitOfRange(s1, e1, s2, e2, 1))
}

function termUnit(at: i32): u32 {
  return <u32>load<u16>(units + ((<usize>at) << 1))
}

function sameTerm(id: i32, s1: i32, e1: i32, s2: i32, e2: i32): bool {
  let at = load<i32>(starts + ((<usize>id) << 2))
  const end = load<i32>(starts + ((<usize>id) << 2), 4)
  const length = e1 - s1 + (s2 >= 0 ? 1 + e2 - s2 : 0)
  if (end - at != length) return false
  for (let i = s1; i < e1; i++) if (termUnit(at++) != unit(i)) return false
  if (s2 < 0) return true
  if (termUnit(at++) != SPACE_UNIT) return false
  for (let i = s2; i < e2; i++) if (termUnit(at++) != unit(i)) return false
  return true
}

/** TermTable.find: the term's id, or -1. */
function find(s1: i32, e1: i32, s2: i32, e2: i32, mixed: u32): i32 {
  const word = packedRange(s1, e1, s2, e2)
  let slot = mixed & slotMask
  let entry = load<i32>(slots + ((<usize>slot) << 3), 4)
  while (entry != 0) {
    const key = load<u32>(slots + ((<usize>slot) << 3))
    if (entry > 0) {
      if (key == word) return entry - 1
    } else if (key == mixed && sameTerm(-entry - 1, s1, e1, s2, e2)) return -entry - 1
    slot = (slot + 1) & slotMask
    entry = load<i32>(slots + ((<usize>slot) << 3), 4)
  }
  return -1
}

/** TermCounter.add: counts one occurrence of id; returns where it sits in ids/counts. */
function countTerm(id: i32): i32 {
  let slot = (<u32>id * 0x9e3779b1) >> counterShift
  for (;;) {
    const key = load<i32>(counterKeys + ((<usize>slot) << 2))
    if (key == id + 1) {
      const index = load<i32>(counterIndex + ((<usize>slot) << 2))
      const at = counts + ((<usize>index) << 2)
      store<i32>(at, load<i32>(at) + 1)
      return index
    }
    if (key == 0) break
    slot = (slot + 1) & counterMask
  }
  const index = termCount++
  store<i32>(counterKeys + ((<usize>slot) << 2), id + 1)
  store<i32>(counterIndex + ((<usize>slot) << 2), index)
  store<u32>(slotOf + ((<usize>index) << 2), slot)
  store<i32>(ids + ((<usize>index) << 2), id)
  store<i32>(counts + ((<usize>index) << 2), 1)
  return index
}

function rowOf(k: i32): usize {
  return rows + ((<usize>load<i32>(ids + ((<usize>k) << 2)) * <usize>(width + 1)) << 2)
}

/**
 * Scores the text of `length` code units at the scratch area's text: label sums to `sums`
 * (float64 holding float32 values), each term's L2-normalised TF-IDF value to `values`, each
 * token's term entry (or -1) in place of its key, and with `record` what each term added to each
 * label's sum to products[l * productRows + k]. Returns the distinct terms.
 */
export function score(length: i32, record: i32): i32 {
  for (let k = 0; k < termCount; k++)
    store<i32>(counterKeys + ((<usize>load<u32>(slotOf + ((<usize>k) << 2))) << 2), 0)
  termCount = 0
  tokenCount = 0
  textLength = length
  if (charNgrams > 0) charGramTokens()
  else wordTokens()
  // The first slot of every token, then each distinct term's row, are read in loops of their own
  // before the loops that need them: on a model far bigger than the caches their misses overlap.
  let touchedSlots: u32 = 0
  for (let t = 0; t < tokenCount; t++) {
    const key = load<u32>(tokens + <usize>t * TOKEN_BYTES, 16)
    touchedSlots += load<u32>(slots + ((<usize>(key & slotMask)) << 3))
  }
  for (let t = 0; t < tokenCount; t++) {
    const at = tokens + <usize>t * TOKEN_BYTES
    const s1 = load<i32>(at)
    const id = find(s1, load<i32>(at, 4), load<i32>(at, 8), load<i32>(at, 12), load<u32>(at, 16))
    store<i32>(at, id < 0 ? -1 : countTerm(id), 16)
  }
  const last = (<usize>width) << 2
  let touchedRows: f64 = 0
  for (let k = 0; k < termCount; k++) {
    const row = rowOf(k)
    touchedRows += <f64>load<f32>(row) + <f64>load<f32>(row + last)
  }
  touchedSum = touchedRows + <f64>touchedSlots
  weighTerms()
  let l = 0
  for (; l + 4 <= width; l += 4) sumFourLabels(l, record != 0)
  for (; l < width; l++) sumLabel(l, record != 0)
  return termCount
}

/** Each term's (1 + ln count) * idf, L2-normalised over the text's terms. */
function weighTerms(): void {
  let squares: f64 = 0
  for (let k = 0; k < termCount; k++) {
    const count = load<i32>(counts + ((<usize>k) << 2))
    const tf = count < TF_ENTRIES ? load<f64>(tfTable + ((<usize>count) << 3)) : 1 + log(<f64>count)
    const value = tf * <f64>load<f32>(rowOf(k))
    store<f64>(values + ((<usize>k) << 3), value)
    squares += value * value
  }
  const scale: f64 = squares == 0 ? 1 : 1 / Math.sqrt(squares)
  for (let k = 0; k < termCount; k++) {
    const at = values + ((<usize>k) << 3)
    store<f64>(at, load<f64>(at) * scale)
  }
}

/** Label l's sum over the terms, rounded to float32 after every term. */
function sumLabel(l: i32, record: bool): void {
  let sum: f32 = load<f32>(bias + ((<usize>l) << 2))
  const weight = (<usize>(l + 1)) << 2
  const kept = products + ((<usize>l * <usize>productRows) << 3)
  for (let k = 0; k < termCount; k++) {
    const product = load<f64>(values + ((<usize>k) << 3)) * <f64>load<f32>(rowOf(k) + weight)
    sum = <f32>(<f64>sum + product)
    if (record) store<f64>(kept + ((<usize>k) << 3), product)
  }
  store<f64>(sums + ((<usize>l) << 3), <f64>sum)
}

/** Labels first .. first + 3 at once: one read of each term's value and row for four sums. */
function sumFourLabels(first: i32, record: bool): void {
  let s0: f32 = load<f32>(bias + ((<usize>first) << 2))
  let s1: f32 = load<f32>(bias + ((<usize>first) << 2), 4)
  let s2: f32 = load<f32>(bias + ((<usize>first) << 2), 8)
  let s3: f32 = load<f32>(bias + ((<usize>first) << 2), 12)
  const weight = (<usize>(first + 1)) << 2
  const kept = products + ((<usize>first * <usize>productRows) << 3)
  const next = (<usize>productRows) << 3
  for (let k = 0; k < termCount; k++) {
    const value = load<f64>(values + ((<usize>k) << 3))
    const row = rowOf(k) + weight
    const p0 = value * <f64>load<f32>(row)
    const p1 = value * <f64>load<f32>(row, 4)
    const p2 = value * <f64>load<f32>(row, 8)
    const p3 = value * <f64>load<f32>(row, 12)
    s0 = <f32>(<f64>s0 + p0)
    s1 = <f32>(<f64>s1 + p1)
    s2 = <f32>(<f64>s2 + p2)
    s3 = <f32>(<f64>s3 + p3)
    if (!record) continue
    const at = kept + ((<usize>k) << 3)
    store<f64>(at, p0)
    store<f64>(at + next, p1)
    store<f64>(at + 2 * next, p2)
    store<f64>(at + 3 * next, p3)
  }
  store<f64>(sums + ((<usize>first) << 3), <f64>s0)
  store<f64>(sums + ((<usize>first) << 3), <f64>s1, 8)
  store<f64>(sums + ((<usize>first) << 3), <f64>s2, 16)
  store<f64>(sums + ((<usize>first) << 3), <f64>s3, 24)
}

// Explaining the text last scored: the terms that pushed a label up most, and where they occur.
let keepsProducts: bool = false
let topEntries: usize = 0
let topWeights: usize = 0
let candidates: usize = 0
let spans: usize = 0

export function setExplainScratch(
  keeps: i32,
  entriesAt: usize,
  weightsAt: usize,
  candidatesAt: usize,
  spansAt: usize,
): void {
  keepsProducts = keeps != 0
  topEntries = entriesAt
  topWeights = weightsAt
  candidates = candidatesAt
  spans = spansAt
}

/**
 * Where label l's products (what each term added to its sum) start in `products`, in float64s:
 * kept by score() when recording, or worked out now over the first row (a wide model).
 */
export function labelProducts(l: i32): i32 {
  if (keepsProducts) return l * productRows
  const weight = (<usize>(l + 1)) << 2
  for (let k = 0; k < termCount; k++) {
    const value = load<f64>(values + ((<usize>k) << 3))
    store<f64>(products + ((<usize>k) << 3), value * <f64>load<f32>(rowOf(k) + weight))
  }
  return 0
}

/**
 * The `limit` strongest of products[start .. start + terms) into topEntries (the term's place k)
 * and topWeights; returns how many: by weight, the earlier first at one weight, none at or below 0.
 */
export function selectTop(start: i32, limit: i32): i32 {
  let kept = 0
  // A weight enters above the floor: 0, then the weakest kept once `limit` are.
  let floor: f64 = 0
  const from = products + ((<usize>start) << 3)
  for (let k = 0; k < termCount; k++) {
    const weight = load<f64>(from + ((<usize>k) << 3))
    if (weight <= floor) continue
    let at = kept < limit ? kept++ : limit - 1
    for (; at > 0; at--) {
      const before = load<f64>(topWeights + ((<usize>(at - 1)) << 3))
      if (before >= weight) break
      store<f64>(topWeights + ((<usize>at) << 3), before)
      store<i32>(topEntries + ((<usize>at) << 2), load<i32>(topEntries + ((<usize>(at - 1)) << 2)))
    }
    store<f64>(topWeights + ((<usize>at) << 3), weight)
    store<i32>(topEntries + ((<usize>at) << 2), k)
    if (kept == limit) floor = load<f64>(topWeights + ((<usize>(limit - 1)) << 3))
  }
  return kept
}

/**
 * The occurrences of the first `kept` top terms, in text order, to `spans`: per token of one of
 * them its start, its end and the term's rank among them. Returns how many.
 */
export function matchedSpans(kept: i32): i32 {
  // Per term place k: its rank + 1, 0 for a term not kept (the scratch starts zeroed).
  for (let t = 0; t < kept; t++)
    store<i32>(candidates + ((<usize>load<i32>(topEntries + ((<usize>t) << 2))) << 2), t + 1)
  let count = 0
  for (let t = 0; t < tokenCount; t++) {
    const at = tokens + <usize>t * TOKEN_BYTES
    const entry = load<i32>(at, 16)
    if (entry < 0) continue
    const rank = load<i32>(candidates + ((<usize>entry) << 2)) - 1
    if (rank < 0) continue
    const out = spans + <usize>count * 12
    store<i32>(out, load<i32>(at))
    store<i32>(out, load<i32>(at, 8) >= 0 ? load<i32>(at, 12) : load<i32>(at, 4), 4)
    store<i32>(out, rank, 8)
    count++
  }
  for (let t = 0; t < kept; t++)
    store<i32>(candidates + ((<usize>load<i32>(topEntries + ((<usize>t) << 2))) << 2), 0)
  return count
}

// The matched units of a label (what explain/readable-units.ts's unitsOf gives for its spans):
// spans grown to whole words, sorted, merged, each text once at its best weight, the strongest.
let order: usize = 0
let merging: usize = 0
let unitBounds: usize = 0
let unitFrom: usize = 0
let unitTerms: usize = 0
let distinct: usize = 0
let best: usize = 0
let distinctHashes: usize = 0
let distinctTable: usize = 0
let topUnits: usize = 0
let shown: usize = 0
/** Spans sorted by insertion up to this many: they mostly arrive in text order already. */
const INSERTION: i32 = 32

export function setUnitsScratch(
  orderAt: usize,
  mergingAt: usize,
  boundsAt: usize,
  fromAt: usize,
  termsAt: usize,
  distinctAt: usize,
  bestAt: usize,
  hashesAt: usize,
  tableAt: usize,
  topAt: usize,
  shownAt: usize,
): void {
  order = orderAt
  merging = mergingAt
  unitBounds = boundsAt
  unitFrom = fromAt
  unitTerms = termsAt
  distinct = distinctAt
  best = bestAt
  distinctHashes = hashesAt
  distinctTable = tableAt
  topUnits = topAt
  shown = shownAt
}

function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2))
}

function setI32(base: usize, i: i32, value: i32): void {
  store<i32>(base + ((<usize>i) << 2), value)
}

function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + ((<usize>i) << 3))
}

function isSurrogate(code: u32): bool {
  return code >= 0xd800 && code <= 0xdfff
}

function isWordAt(i: i32): bool {
  return i >= 0 && i < textLength && classOf(i) == WORD
}

function isCjkAt(i: i32): bool {
  return i >= 0 && i < textLength && (classOf(i) == CJK || isSurrogate(unit(i)))
}

function isPunctuationAt(i: i32): bool {
  const kind = classOf(i)
  return (kind == SEPARATOR || kind == SPACE) && !isSurrogate(unit(i))
}

/**
 * The units of the first `count` spans (as matchedSpans leaves them; candidate c weighing
 * topWeights[c]): the strongest `limit` as start, end pairs in `shown`. Returns how many.
 */
export function matchedUnits(count: i32, limit: i32): i32 {
  if (count == 0) return 0
  growSpans(count)
  const sorted = sortSpans(count)
  const units = mergeUnits(count, sorted)
  const kept = keepDistinct(units)
  const top = strongest(kept, limit)
  for (let t = 0; t < top; t++) {
    const u = i32At(distinct, i32At(topUnits, t))
    setI32(shown, 2 * t, i32At(unitBounds, 2 * u))
    setI32(shown, 2 * t + 1, i32At(unitBounds, 2 * u + 1))
  }
  return top
}

/** Whole words, punctuation off the edges. */
function growSpans(count: i32): void {
  for (let s = 0; s < count; s++) {
    let start = i32At(spans, 3 * s)
    let end = i32At(spans, 3 * s + 1)
    while (isWordAt(start - 1) && isWordAt(start)) start--
    while (isWordAt(end - 1) && isWordAt(end)) end++
    while (start < end && isPunctuationAt(start)) start++
    while (end > start && isPunctuationAt(end - 1)) end--
    setI32(spans, 3 * s, start)
    setI32(spans, 3 * s + 1, end)
  }
}

/** By start, the longest first at one start, else in the order added. */
function spanBefore(a: i32, b: i32): bool {
  const startA = i32At(spans, 3 * a)
  const startB = i32At(spans, 3 * b)
  return startA < startB || (startA == startB && i32At(spans, 3 * a + 1) > i32At(spans, 3 * b + 1))
}

/** The spans' order (stable): where it ends up, `order` or `merging`. */
function sortSpans(count: i32): usize {
  for (let i = 0; i < count; i++) setI32(order, i, i)
  if (count <= INSERTION) {
    for (let i = 1; i < count; i++) {
      let at = i
      for (; at > 0 && spanBefore(i, i32At(order, at - 1)); at--)
        setI32(order, at, i32At(order, at - 1))
      setI32(order, at, i)
    }
    return order
  }
  let from = order
  let to = merging
  for (let width = 1; width < count; width *= 2) {
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = min(lo + width, count)
      const hi = min(lo + 2 * width, count)
      let i = lo
      let j = mid
      let k = lo
      while (i < mid && j < hi) {
        if (spanBefore(i32At(from, j), i32At(from, i))) setI32(to, k++, i32At(from, j++))
        else setI32(to, k++, i32At(from, i++))
      }
      while (i < mid) setI32(to, k++, i32At(from, i++))
      while (j < hi) setI32(to, k++, i32At(from, j++))
    }
    const done = to
    to = from
    from = done
  }
  return from
}

/** Overlapping spans merge; touching ones only between CJK characters. Returns the units. */
function mergeUnits(count: i32, sorted: usize): i32 {
  let units = 0
  let size = 0
  for (let i = 0; i < count; i++) {
    const s = i32At(sorted, i)
    const start = i32At(spans, 3 * s)
    const end = i32At(spans, 3 * s + 1)
    const candidate = i32At(spans, 3 * s + 2)
    if (start == end) continue
    const lastEnd = units > 0 ? i32At(unitBounds, 2 * units - 1) : 0
    const joins =
      units > 0 && (start < lastEnd || (start == lastEnd && isCjkAt(start - 1) && isCjkAt(start)))
    if (joins) {
      setI32(unitBounds, 2 * units - 1, max(lastEnd, end))
      if (!holds(i32At(unitFrom, units - 1), size, candidate)) setI32(unitTerms, size++, candidate)
      continue
    }
    setI32(unitBounds, 2 * units, start)
    setI32(unitBounds, 2 * units + 1, end)
    setI32(unitFrom, units++, size)
    setI32(unitTerms, size++, candidate)
  }
  setI32(unitFrom, units, size)
  return units
}

function holds(from: i32, to: i32, candidate: i32): bool {
  for (let i = from; i < to; i++) if (i32At(unitTerms, i) == candidate) return true
  return false
}

/** Each text once (its first unit) at the best weight of its units. Returns how many. */
function keepDistinct(units: i32): i32 {
  let mask: i32 = 15
  while (mask + 1 < 2 * units) mask = 2 * mask + 1
  memory.fill(distinctTable, 0, (<usize>(mask + 1)) << 2)
  let kept = 0
  for (let u = 0; u < units; u++) {
    const start = i32At(unitBounds, 2 * u)
    const end = i32At(unitBounds, 2 * u + 1)
    if (end - start == 1 && isWordAt(start)) continue // one Latin letter or digit
    let weight: f64 = 0
    for (let t = i32At(unitFrom, u); t < i32At(unitFrom, u + 1); t++)
      weight += f64At(topWeights, i32At(unitTerms, t))
    const hash = <i32>(mix(rangeHash(start, end)) & 0x7fffffff)
    let slot = hash & mask
    let found = -1
    for (; i32At(distinctTable, slot) != 0; slot = (slot + 1) & mask) {
      const d = i32At(distinctTable, slot) - 1
      if (i32At(distinctHashes, d) == hash && sameText(i32At(distinct, d), start, end)) {
        found = d
        break
      }
    }
    if (found >= 0) {
      const at = best + ((<usize>found) << 3)
      store<f64>(at, max(load<f64>(at), weight))
      continue
    }
    setI32(distinctTable, slot, kept + 1)
    setI32(distinct, kept, u)
    store<f64>(best + ((<usize>kept) << 3), weight)
    setI32(distinctHashes, kept++, hash)
  }
  return kept
}

function sameText(u: i32, start: i32, end: i32): bool {
  const other = i32At(unitBounds, 2 * u)
  if (i32At(unitBounds, 2 * u + 1) - other != end - start) return false
  for (let i = 0; i < end - start; i++) if (unit(other + i) != unit(start + i)) return false
  return true
}

/** topUnits = the `limit` strongest distinct texts, by weight then first in the text. */
function strongest(kept: i32, limit: i32): i32 {
  let size = 0
  for (let d = 0; d < kept; d++) {
    if (size == limit && !stronger(d, i32At(topUnits, limit - 1))) continue
    let at = size < limit ? size++ : limit - 1
    for (; at > 0 && stronger(d, i32At(topUnits, at - 1)); at--)
      setI32(topUnits, at, i32At(topUnits, at - 1))
    setI32(topUnits, at, d)
  }
  return size
}

function stronger(a: i32, b: i32): bool {
  const weightA = f64At(best, a)
  const weightB = f64At(best, b)
  return (
    weightA > weightB ||
    (weightA == weightB &&
      i32At(unitBounds, 2 * i32At(distinct, a)) < i32At(unitBounds, 2 * i32At(distinct, b)))
  )
}
