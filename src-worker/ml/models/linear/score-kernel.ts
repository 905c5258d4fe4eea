import { CHAR_CLASS, classifyCodePoint } from '../../text/char-class'
import type { TokenizeOptions } from '../../text/tokenize'
import { KernelMemory } from './kernel-memory'
import { LINEAR_SCORE_WASM } from './linear-score-wasm'
import type { ScorerTables } from './scorer-tables'

/** Bytes per token in the kernel's token buffer: s1, e1, s2, e2, then the key or term entry. */
const TOKEN_BYTES = 20
/** 1 + ln(count), the sublinear term frequency, for the small counts nearly every term has. */
const TF = Float64Array.from({ length: 64 }, (_, count) => 1 + Math.log(count))
/** Code units of text the scratch area first holds; it grows for longer texts. */
const FIRST_CAPACITY = 1024
/** Most top terms selectTop keeps. */
export const TOP_CAPACITY = 64

interface KernelExports {
  setTables(...at: number[]): void
  setTokenize(minWord: number, wordBigrams: number, cjkBigrams: number, chars: number): void
  setScratch(...at: number[]): void
  setExplainScratch(keeps: number, ...at: number[]): void
  lastTokenCount(): number
  score(length: number, record: number): number
  labelProducts(l: number): number
  selectTop(start: number, limit: number): number
  matchedSpans(kept: number): number
  setUnitsScratch(...at: number[]): void
  matchedUnits(count: number, limit: number): number
}

const EXPORTS = [
  ...['setTables', 'setTokenize', 'setScratch', 'setExplainScratch', 'lastTokenCount', 'score'],
  ...['labelProducts', 'selectTop', 'matchedSpans', 'setUnitsScratch', 'matchedUnits'],
] as const

let compiled: WebAssembly.Module | undefined

function exportsOf(instance: WebAssembly.Instance): KernelExports {
  const exports = instance.exports
  for (const name of EXPORTS)
    if (typeof exports[name] !== 'function') throw new Error(`linear-score.wasm lacks ${name}`)
  return exports as unknown as KernelExports
}

/** Typed views of the scratch area, made again whenever it moves to a larger one. */
export interface ScratchViews {
  text: Uint16Array
  tokens: Int32Array
  ids: Int32Array
  values: Float64Array
  sums: Float64Array
  products: Float64Array
  topEntries: Int32Array
  topWeights: Float64Array
  /** Per occurrence of a top term: start, end, the term's rank. */
  spans: Int32Array
  /** The units matchedUnits chose: start, end in the text, strongest first. */
  units: Int32Array
}

/**
 * One model's scoring kernel (src-wasm/linear-score.ts) on this thread, over the shared memory
 * its tables were built in (ScorerTables.memory), with a scratch area of its own there sized for
 * the longest text so far (its text, tokens, term counter, TF-IDF values, label sums and kept
 * products).
 */
export class ScoreKernel {
  private readonly memory: KernelMemory
  private readonly kernel: KernelExports
  private capacity = 0
  private readonly gramsPerUnit: number
  views!: ScratchViews

  constructor(
    tables: ScorerTables,
    tokenize: TokenizeOptions,
    private readonly width: number,
    private readonly keepsProducts: boolean,
  ) {
    this.memory = new KernelMemory(tables.memory)
    const copy = (array: Uint8Array | Float64Array) => {
      const bytes = this.memory.allocate(array.byteLength)
      bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
      return bytes.byteOffset
    }
    compiled ??= new WebAssembly.Module(Buffer.from(LINEAR_SCORE_WASM, 'base64'))
    const imports = {
      env: { memory: tables.memory },
      'linear-score': { log: Math.log, classifyCodePoint },
    }
    this.kernel = exportsOf(new WebAssembly.Instance(compiled, imports))
    const { slots, units, starts } = tables.vocabulary
    this.kernel.setTables(
      ...[slots.byteOffset, slots.length / 2 - 1, units.byteOffset, starts.byteOffset],
      ...[tables.rows.byteOffset, tables.bias.byteOffset, width, copy(CHAR_CLASS), copy(TF)],
    )
    const { minWordLength, wordBigrams, cjkBigrams, charNgrams = 0 } = tokenize
    this.kernel.setTokenize(minWordLength, +wordBigrams, +cjkBigrams, charNgrams)
    // Tokens per code unit at most: a CJK character and its 2-gram (and a run's edges), or the
    // character n-grams starting at each character.
    this.gramsPerUnit = Math.max(charNgrams, 3)
    this.layOut(FIRST_CAPACITY)
  }

  /**
   * Scores `text` (normalised): its label sums in views.sums, its tokens in views.tokens (how
   * many: tokenCount()), its terms in views.ids and views.values. Returns the distinct terms.
   */
  score(text: string, record: boolean): number {
    if (text.length > this.capacity) this.layOut(Math.max(2 * this.capacity, text.length))
    const units = this.views.text
    for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i)
    return this.kernel.score(text.length, record && this.keepsProducts ? 1 : 0)
  }

  tokenCount(): number {
    return this.kernel.lastTokenCount()
  }

  /** Where label l's products start in views.products (see LinearScorer.labelProducts). */
  labelProducts(l: number): number {
    return this.kernel.labelProducts(l)
  }

  /** The `limit` strongest products from `start` into views.topEntries/topWeights: how many. */
  selectTop(start: number, limit: number): number {
    if (limit > TOP_CAPACITY) throw new RangeError(`At most ${TOP_CAPACITY} top terms.`)
    return this.kernel.selectTop(start, limit)
  }

  /** The occurrences of the first `kept` top terms into views.spans: how many. */
  matchedSpans(kept: number): number {
    return this.kernel.matchedSpans(kept)
  }

  /** The `limit` strongest units of the first `count` spans into views.units: how many. */
  matchedUnits(count: number, limit: number): number {
    if (limit > TOP_CAPACITY) throw new RangeError(`At most ${TOP_CAPACITY} units.`)
    return this.kernel.matchedUnits(count, limit)
  }

  /** A fresh scratch area for texts of up to `capacity` code units (zeroed), and its views. */
  private layOut(capacity: number): void {
    const productLabels = this.keepsProducts ? this.width : 1
    const { at, bytes, tokens, keys } = scratchLayout(
      capacity,
      this.gramsPerUnit,
      this.width,
      productLabels,
    )
    const base = this.memory.reserve(bytes)
    for (const name of Object.keys(at) as (keyof typeof at)[]) at[name] += base
    const counter = [at.keys, at.index, keys - 1, 32 - Math.log2(keys)]
    this.kernel.setScratch(
      ...[at.text, at.tokens, ...counter, at.slotOf, at.ids, at.counts, at.values, at.sums],
      ...[at.products, tokens, at.gramStarts, at.gramPlain],
    )
    const top = [at.topEntries, at.topWeights, at.candidates, at.spans]
    this.kernel.setExplainScratch(+this.keepsProducts, ...top)
    this.kernel.setUnitsScratch(
      ...[at.order, at.merging, at.unitBounds, at.unitFrom, at.unitTerms, at.distinct, at.best],
      ...[at.distinctHashes, at.distinctTable, at.topUnits, at.units],
    )
    const buffer = this.memory.memory.buffer
    this.capacity = capacity
    this.views = {
      text: new Uint16Array(buffer, at.text, capacity),
      tokens: new Int32Array(buffer, at.tokens, (TOKEN_BYTES / 4) * tokens),
      ids: new Int32Array(buffer, at.ids, tokens),
      values: new Float64Array(buffer, at.values, tokens),
      sums: new Float64Array(buffer, at.sums, this.width),
      products: new Float64Array(buffer, at.products, productLabels * tokens),
      topEntries: new Int32Array(buffer, at.topEntries, TOP_CAPACITY),
      topWeights: new Float64Array(buffer, at.topWeights, TOP_CAPACITY),
      spans: new Int32Array(buffer, at.spans, 3 * tokens),
      units: new Int32Array(buffer, at.units, 2 * TOP_CAPACITY),
    }
  }
}

/** Offsets (from the area's start) of a scratch area's arrays, and its size. */
function scratchLayout(
  capacity: number,
  gramsPerUnit: number,
  width: number,
  productLabels: number,
) {
  const tokens = gramsPerUnit * (capacity + 1)
  const keys = 2 ** Math.ceil(Math.log2(2 * tokens))
  let bytes = 0
  const take = (size: number) => {
    const start = bytes
    bytes = align(start + size)
    return start
  }
  const at = {
    text: take(2 * capacity),
    tokens: take(TOKEN_BYTES * tokens),
    keys: take(4 * keys),
    index: take(4 * keys),
    slotOf: take(4 * tokens),
    ids: take(4 * tokens),
    counts: take(4 * tokens),
    values: take(8 * tokens),
    sums: take(8 * width),
    products: take(8 * productLabels * tokens),
    gramStarts: take(4 * (capacity + 1)),
    gramPlain: take(4 * capacity),
    topEntries: take(4 * TOP_CAPACITY),
    topWeights: take(8 * TOP_CAPACITY),
    candidates: take(4 * tokens),
    spans: take(12 * tokens),
    // The matched units: a span per token at most.
    order: take(4 * tokens),
    merging: take(4 * tokens),
    unitBounds: take(8 * tokens),
    unitFrom: take(4 * (tokens + 1)),
    unitTerms: take(4 * tokens),
    distinct: take(4 * tokens),
    best: take(8 * tokens),
    distinctHashes: take(4 * tokens),
    distinctTable: take(4 * keys),
    topUnits: take(4 * TOP_CAPACITY),
    units: take(8 * TOP_CAPACITY),
  }
  return { at, bytes, tokens, keys }
}

function align(at: number): number {
  return Math.ceil(at / 8) * 8
}
