import { HASH_BASE, termHash } from '../text/tokenize'
import { int32s, ownBuffer, uint16s, type Allocate } from './allocate'

const SPACE = 32
const NEWLINE = 10
const WIDTH = 2
const NO_RANGE = -1

/** A table's arrays, to rebuild it elsewhere (another thread, over the same shared buffers). */
export interface TermTableParts {
  slots: Int32Array<ArrayBufferLike>
  units: Uint16Array<ArrayBufferLike>
  starts: Int32Array<ArrayBufferLike>
  size: number
}

/**
 * Vocabulary: terms -> dense ids, keyed directly by the UTF-16 code units of a range of a text (or
 * two ranges joined by a space, for word 2-grams and run edges), so a lookup builds no string.
 * A hash match is confirmed against the term's own code units, so two terms never share an id (no
 * hashed-feature collisions). Slots are 8 bytes, so the table every token's lookup misses in is
 * small: a term of one or two code units (CJK characters and 2-grams, most tokens) is held whole
 * in its slot instead of its hash, so comparing that word is the exact check; a longer one is
 * compared against the code-unit array that holds every term in id order (frequent terms, low ids
 * after TF-IDF selection, share its cache lines). The scoring kernel (src-wasm/linear-score.ts)
 * reads these arrays as laid out here, with the same hash and mix: change both together.
 */
export class TermTable {
  /**
   * [word, entry]: entry = id + 1 for a term held whole, of one or two code units, and word those
   * units (packedUnits), entry = -(id + 1) for any other term and word its mixed hash, entry = 0
   * when empty. Either way the slot sits where the mixed hash puts it.
   */
  private slots: Int32Array<ArrayBufferLike> = new Int32Array(2048 * WIDTH)
  private mask = 2047
  /** Term id's code units are units[starts[id] .. starts[id + 1]). */
  private units: Uint16Array<ArrayBufferLike> = new Uint16Array(4096)
  private starts: Int32Array<ArrayBufferLike> = new Int32Array(1025)
  size = 0

  static from(terms: readonly string[]): TermTable {
    const table = new TermTable()
    for (const term of terms) table.intern(term, 0, term.length, NO_RANGE, NO_RANGE)
    return table
  }

  /**
   * The table of newline-separated UTF-8 terms (a model file's vocabulary section, terms unique),
   * sized once and filled in place: no string per term, no growth.
   */
  static fromUtf8(bytes: Uint8Array, allocate: Allocate = ownBuffer): TermTable {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    let count = text.length === 0 ? 0 : 1
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++
    const table = new TermTable()
    table.sizeFor(count, allocate)
    const units = (table.units = uint16s(allocate, Math.max(text.length, 1)))
    const starts = (table.starts = int32s(allocate, count + 1))
    let at = 0
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i)
      if (unit !== NEWLINE) units[at++] = unit
      else starts[++table.size] = at
    }
    if (count > 0) starts[++table.size] = at
    table.placeAll()
    return table
  }

  static fromParts(parts: TermTableParts): TermTable {
    const table = new TermTable()
    table.slots = parts.slots
    table.mask = parts.slots.length / WIDTH - 1
    table.units = parts.units
    table.starts = parts.starts
    table.size = parts.size
    return table
  }

  /** The same table, its arrays placed by `allocate` (the scoring kernel's memory). */
  copiedTo(allocate: Allocate): TermTable {
    const table = new TermTable()
    table.slots = int32s(allocate, this.slots.length)
    table.slots.set(this.slots)
    table.mask = this.mask
    const used = Math.max(this.starts[this.size]!, 1)
    table.units = uint16s(allocate, used)
    table.units.set(this.units.subarray(0, used))
    table.starts = int32s(allocate, this.size + 1)
    table.starts.set(this.starts.subarray(0, this.size + 1))
    table.size = this.size
    return table
  }

  parts(): TermTableParts {
    return { slots: this.slots, units: this.units, starts: this.starts, size: this.size }
  }

  /** Term id as a string (explanations: one string per term shown, not one per vocabulary term). */
  term(id: number): string {
    return codeUnits(this.units, this.starts[id]!, this.starts[id + 1]!)
  }

  /** Empty slots for `count` terms, at the load factor that intern() and select() keep. */
  private sizeFor(count: number, allocate: Allocate): void {
    while (count * 10 > this.mask * 7) this.mask = this.mask * 2 + 1
    this.slots = int32s(allocate, (this.mask + 1) * WIDTH)
  }

  /**
   * Id of text[s1, e1) (+ ' ' + text[s2, e2) when s2 >= 0), or -1. `hash` is termHash of those
   * code units when the caller rolled it along (the tokenizer does).
   */
  lookup(text: string, s1: number, e1: number, s2: number, e2: number, hash?: number): number {
    return this.find(text, s1, e1, s2, e2, mix(hash ?? rangeHash(text, s1, e1, s2, e2)))
  }

  /** Id of the term, adding it when new. */
  intern(text: string, s1: number, e1: number, s2: number, e2: number, hash?: number): number {
    const mixed = mix(hash ?? rangeHash(text, s1, e1, s2, e2))
    const found = this.find(text, s1, e1, s2, e2, mixed)
    if (found >= 0) return found
    const id = this.size++
    this.append(text, s1, e1, s2, e2)
    this.place(mixed, id)
    if (this.size * 10 > this.mask * 7) this.grow()
    return id
  }

  /** A table of the kept terms only: mapping[oldId] = newId (dense from 0) or -1. */
  select(mapping: Int32Array): TermTable {
    const order: number[] = []
    mapping.forEach((newId, oldId) => {
      if (newId >= 0) order[newId] = oldId
    })
    const table = new TermTable()
    let units = 0
    for (const oldId of order) units += this.starts[oldId + 1]! - this.starts[oldId]!
    table.units = new Uint16Array(Math.max(units, 1))
    table.starts = new Int32Array(order.length + 1)
    table.sizeFor(order.length, ownBuffer)
    let at = 0
    order.forEach((oldId, newId) => {
      const term = this.units.subarray(this.starts[oldId], this.starts[oldId + 1])
      table.units.set(term, at)
      at += term.length
      table.starts[newId + 1] = at
    })
    table.size = order.length
    table.placeAll()
    return table
  }

  /** Every term, in id order. */
  terms(): string[] {
    const terms = new Array<string>(this.size)
    for (let id = 0; id < this.size; id++) terms[id] = this.term(id)
    return terms
  }

  /**
   * Id of text[s1, e1) (+ ' ' + text[s2, e2)) by its mixed hash, or -1. Kept small so it inlines:
   * almost every lookup ends at its first slot, and the term check is a call only on a key match.
   */
  private find(
    text: string,
    s1: number,
    e1: number,
    s2: number,
    e2: number,
    mixed: number,
  ): number {
    const slots = this.slots
    const mask = this.mask
    const word = packedRange(text, s1, e1, s2, e2)
    let slot = mixed & mask
    let entry = slots[slot * WIDTH + 1]!
    while (entry !== 0) {
      if (entry > 0) {
        if (slots[slot * WIDTH] === word) return entry - 1
      } else if (slots[slot * WIDTH] === mixed && this.sameTerm(-entry - 1, text, s1, e1, s2, e2))
        return -entry - 1
      slot = (slot + 1) & mask
      entry = slots[slot * WIDTH + 1]!
    }
    return -1
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

  private append(text: string, s1: number, e1: number, s2: number, e2: number): void {
    const length = e1 - s1 + (s2 >= 0 ? 1 + e2 - s2 : 0)
    let at = this.starts[this.size - 1]!
    if (at + length > this.units.length) {
      const bigger = new Uint16Array(Math.max(this.units.length * 2, at + length))
      bigger.set(this.units)
      this.units = bigger
    }
    if (this.size + 1 > this.starts.length) {
      const bigger = new Int32Array(this.starts.length * 2)
      bigger.set(this.starts)
      this.starts = bigger
    }
    for (let i = s1; i < e1; i++) this.units[at++] = text.charCodeAt(i)
    if (s2 >= 0) {
      this.units[at++] = SPACE
      for (let i = s2; i < e2; i++) this.units[at++] = text.charCodeAt(i)
    }
    this.starts[this.size] = at
  }

  /** Puts term id (its units already in the code-unit array) in a free slot. */
  private place(mixed: number, id: number): void {
    const start = this.starts[id]!
    const end = this.starts[id + 1]!
    const word = packedUnits(this.units, start, end)
    const at = this.free(mixed)
    this.slots[at] = word !== 0 ? word : mixed
    this.slots[at + 1] = word !== 0 ? id + 1 : -(id + 1)
  }

  /** Places every term, its mixed hash worked out from its code units. */
  private placeAll(): void {
    const { units, starts } = this
    for (let id = 0; id < this.size; id++)
      this.place(mix(unitsHash(units, starts[id]!, starts[id + 1]!)), id)
  }

  private free(mixed: number): number {
    let slot = mixed & this.mask
    while (this.slots[slot * WIDTH + 1] !== 0) slot = (slot + 1) & this.mask
    return slot * WIDTH
  }

  /** Twice the slots; a short term's slot holds no hash, so every term is placed anew. */
  private grow(): void {
    this.mask = this.mask * 2 + 1
    this.slots = new Int32Array((this.mask + 1) * WIDTH)
    this.placeAll()
  }
}

/** Code unit p of text[s1, e1) (+ ' ' + text[s2, e2)), 0 past its end. */
function unitAt(text: string, s1: number, e1: number, s2: number, e2: number, p: number) {
  if (p < e1 - s1) return text.charCodeAt(s1 + p)
  if (s2 < 0) return 0
  if (p === e1 - s1) return SPACE
  const at = s2 + p - (e1 - s1) - 1
  return at < e2 ? text.charCodeAt(at) : 0
}

/**
 * The slot word of a term held whole: unit 0 | unit 1 << 16, the second zero for a one-unit term;
 * equal for two terms only when they are the same. 0 (not held whole: compared as longer terms
 * are) for a term of more than two units or one holding U+0000, which tokens never do.
 */
function packedUnits(units: Uint16Array<ArrayBufferLike>, start: number, end: number): number {
  if (end - start === 1) return units[start]!
  return end - start === 2 ? pack(units[start]!, units[start + 1]!) : 0
}

/** packedUnits of text[s1, e1) (+ ' ' + text[s2, e2)). */
function packedRange(text: string, s1: number, e1: number, s2: number, e2: number): number {
  if (s2 < 0) {
    if (e1 - s1 === 1) return text.charCodeAt(s1)
    return e1 - s1 === 2 ? pack(text.charCodeAt(s1), text.charCodeAt(s1 + 1)) : 0
  }
  const length = e1 - s1 + 1 + e2 - s2
  if (length === 1) return SPACE
  return length === 2 ? pack(unitAt(text, s1, e1, s2, e2, 0), unitAt(text, s1, e1, s2, e2, 1)) : 0
}

function pack(first: number, second: number): number {
  return first !== 0 && second !== 0 ? first | (second << 16) : 0
}

function rangeHash(text: string, s1: number, e1: number, s2: number, e2: number): number {
  if (s2 < 0) return termHash(text, s1, e1)
  const first = (Math.imul(termHash(text, s1, e1), HASH_BASE) + SPACE) | 0
  let hash = first
  for (let i = s2; i < e2; i++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0
  return hash
}

function unitsHash(units: Uint16Array<ArrayBufferLike>, start: number, end: number): number {
  let hash = 0
  for (let i = start; i < end; i++) hash = (Math.imul(hash, HASH_BASE) + units[i]!) | 0
  return hash
}

function codeUnits(units: Uint16Array<ArrayBufferLike>, start: number, end: number): string {
  const bytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength)
  return bytes.toString('utf16le', start * 2, end * 2)
}

/** Spreads the polynomial hash over all bits (murmur3's finaliser) before masking. */
function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
