import { INLINE_UNITS, mix, unitAt } from '../../features/term-table'
import type { Tfidf } from '../../features/tfidf'

const SPACE = 32
/** Words of a slot: mixed hash, entry, code units 0-1, code units 2-3, idf, then label weights. */
export const KEY = 0
export const ENTRY = 1
const LOW = 2
const HIGH = 3
export const IDF = 4
export const WEIGHTS = 5
/** Most of the slots a term may fill: few probes, and most of them in the cache line read first. */
const LOAD = 0.65
/** 2^-32: a 32-bit hash times this is in [0, 1). */
const UNIT = 2.3283064365386963e-10

/** Sizes of the parts of a scoring table's one buffer, enough to view a buffer built elsewhere. */
export interface ScoringLayout {
  slots: number
  width: number
  terms: number
  units: number
}

/**
 * A linear model's vocabulary and parameters in one flat buffer for scoring: each vocabulary slot
 * holds the term's key (as TermTable's), its idf and its weight for every label, so the lookup of a
 * token brings everything scoring needs for it in one cache miss. Slots are found by
 * multiply-shift over any slot count (not a power of two) to keep the table at ~65% load: smaller
 * than the vocabulary table and the weight rows together. Terms longer than INLINE_UNITS code
 * units are confirmed against their code units, kept in id order after the slots. The buffer may
 * be a SharedArrayBuffer, so the labelling threads read one copy.
 */
export class ScoringTable {
  readonly ints: Int32Array
  readonly floats: Float32Array
  readonly bias: Float32Array
  readonly stride: number
  private readonly starts: Int32Array
  private readonly units: Uint16Array

  constructor(
    readonly buffer: ArrayBuffer | SharedArrayBuffer,
    readonly layout: ScoringLayout,
  ) {
    const { slots, width, terms, units } = layout
    this.stride = WEIGHTS + width
    const words = slots * this.stride
    this.ints = new Int32Array(buffer, 0, words)
    this.floats = new Float32Array(buffer, 0, words)
    this.bias = new Float32Array(buffer, words * 4, width)
    this.starts = new Int32Array(buffer, (words + width) * 4, terms + 1)
    this.units = new Uint16Array(buffer, (words + width + terms + 1) * 4, units)
  }

  static byteLength({ slots, width, terms, units }: ScoringLayout): number {
    return (slots * (WEIGHTS + width) + width + terms + 1) * 4 + units * 2
  }

  /** Lays out tfidf's vocabulary with its idf and the (terms + 1) x width feature-major weights. */
  static build(tfidf: Tfidf, weights: Float32Array, width: number, shared = false): ScoringTable {
    const source = tfidf.vocabulary.layout()
    const terms = tfidf.idf.length
    const units = source.starts[terms] ?? 0
    const layout = { slots: Math.max(8, Math.ceil(terms / LOAD)), width, terms, units }
    const bytes = ScoringTable.byteLength(layout)
    const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)
    const table = new ScoringTable(buffer, layout)
    const { ints, floats } = table
    const old = source.slots
    for (let at = 0; at < old.length; at += 4) {
      const entry = old[at + 1]!
      if (entry === 0) continue
      const id = (entry < 0 ? -entry : entry) - 1
      const base = table.free(old[at]!)
      ints[base + KEY] = old[at]!
      ints[base + ENTRY] = entry
      ints[base + LOW] = old[at + 2]!
      ints[base + HIGH] = old[at + 3]!
      floats[base + IDF] = tfidf.idf[id]!
      floats.set(weights.subarray(id * width, (id + 1) * width), base + WEIGHTS)
    }
    table.bias.set(weights.subarray(terms * width, (terms + 1) * width))
    table.starts.set(source.starts.subarray(0, terms + 1))
    table.units.set(source.units.subarray(0, units))
    return table
  }

  /**
   * Where text[s1, e1) (+ ' ' + text[s2, e2) when s2 >= 0) sits: the index in ints/floats of its
   * slot, or -1 when it is no term of the model. `hash` is its termHash (the tokenizer's).
   */
  find(text: string, s1: number, e1: number, s2: number, e2: number, hash: number): number {
    const { ints, stride } = this
    const slots = this.layout.slots
    const mixed = mix(hash)
    const length = e1 - s1 + (s2 >= 0 ? 1 + e2 - s2 : 0)
    let low = -1
    let high = 0
    let slot = Math.floor((mixed >>> 0) * slots * UNIT)
    for (; ; slot = slot + 1 === slots ? 0 : slot + 1) {
      const at = slot * stride
      const entry = ints[at + ENTRY]!
      if (entry === 0) return -1
      if (ints[at] !== mixed) continue
      if (entry < 0) {
        if (length > INLINE_UNITS && this.sameTerm(-entry - 1, text, s1, e1, s2, e2)) return at
        continue
      }
      if (length > INLINE_UNITS) continue
      if (low < 0) {
        low = unitAt(text, s1, e1, s2, e2, 0) | (unitAt(text, s1, e1, s2, e2, 1) << 16)
        high = unitAt(text, s1, e1, s2, e2, 2) | (unitAt(text, s1, e1, s2, e2, 3) << 16)
      }
      if (ints[at + LOW] === low && ints[at + HIGH] === high) return at
    }
  }

  /** The vocabulary id of the term in the slot at index `at`. */
  termId(at: number): number {
    const entry = this.ints[at + ENTRY]!
    return (entry < 0 ? -entry : entry) - 1
  }

  private sameTerm(id: number, text: string, s1: number, e1: number, s2: number, e2: number) {
    const units = this.units
    let at = this.starts[id]!
    const end = this.starts[id + 1]!
    const length = e1 - s1 + (s2 >= 0 ? 1 + e2 - s2 : 0)
    if (end - at !== length) return false
    for (let i = s1; i < e1; i++) if (units[at++] !== text.charCodeAt(i)) return false
    if (s2 < 0) return true
    if (units[at++] !== SPACE) return false
    for (let i = s2; i < e2; i++) if (units[at++] !== text.charCodeAt(i)) return false
    return true
  }

  private free(mixed: number): number {
    const slots = this.layout.slots
    let slot = Math.floor((mixed >>> 0) * slots * UNIT)
    while (this.ints[slot * this.stride + ENTRY] !== 0) slot = slot + 1 === slots ? 0 : slot + 1
    return slot * this.stride
  }
}
