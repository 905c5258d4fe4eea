const SPACE = 32
const WIDTH = 3

/**
 * Hashed vocabulary: terms -> dense ids, keyed directly by the UTF-16 code units of a range of a
 * text (or two ranges joined by a space, for word 2-grams and run edges), so a lookup builds no string and
 * touches one cache line. Keys are two independent 32-bit hashes (a collision among a million
 * terms has odds near 1e-7); the term text is kept only to list the vocabulary.
 */
export class TermTable {
  /** Triples [hash1, hash2, id + 1]; id + 1 = 0 marks an empty slot. */
  private slots = new Int32Array(2048 * WIDTH)
  private mask = 2047
  private hash1 = 0
  private hash2 = 0
  private pool: string[] = []
  size = 0

  static from(terms: readonly string[]): TermTable {
    const table = new TermTable()
    for (const term of terms) table.intern(term, 0, term.length, -1, -1)
    return table
  }

  /** Id of text[s1, e1) (+ ' ' + text[s2, e2) when s2 >= 0), or -1. */
  lookup(text: string, s1: number, e1: number, s2: number, e2: number): number {
    this.hash(text, s1, e1, s2, e2)
    return this.find()
  }

  /** Id of the term, adding it when new. */
  intern(text: string, s1: number, e1: number, s2: number, e2: number): number {
    this.hash(text, s1, e1, s2, e2)
    const found = this.find()
    if (found >= 0) return found
    const id = this.size++
    this.pool.push(s2 >= 0 ? `${text.slice(s1, e1)} ${text.slice(s2, e2)}` : text.slice(s1, e1))
    this.place(this.hash1, this.hash2, id)
    if (this.size * 10 > this.mask * 7) this.rehash()
    return id
  }

  /** A table of the kept terms only: mapping[oldId] = newId (dense from 0) or -1. */
  select(mapping: Int32Array): TermTable {
    const table = new TermTable()
    let kept = 0
    for (const id of mapping) if (id >= 0) kept++
    while (kept * 10 > table.mask * 7) table.mask = table.mask * 2 + 1
    table.slots = new Int32Array((table.mask + 1) * WIDTH)
    for (let at = 0; at < this.slots.length; at += WIDTH) {
      const entry = this.slots[at + 2]!
      if (entry === 0 || mapping[entry - 1]! < 0) continue
      table.place(this.slots[at]!, this.slots[at + 1]!, mapping[entry - 1]!)
    }
    table.pool = new Array<string>(kept)
    mapping.forEach((newId, oldId) => {
      if (newId >= 0) table.pool[newId] = this.pool[oldId]!
    })
    table.size = kept
    return table
  }

  /** Every term, in id order. */
  terms(): string[] {
    return this.pool.slice()
  }

  private hash(text: string, s1: number, e1: number, s2: number, e2: number): void {
    let h1 = 0x811c9dc5
    let h2 = 0x2545f491
    for (let i = s1; i < e1; i++) {
      const c = text.charCodeAt(i)
      h1 = Math.imul(h1 ^ c, 0x01000193)
      h2 = (Math.imul(h2, 31) + c) | 0
    }
    if (s2 >= 0) {
      h1 = Math.imul(h1 ^ SPACE, 0x01000193)
      h2 = (Math.imul(h2, 31) + SPACE) | 0
      for (let i = s2; i < e2; i++) {
        const c = text.charCodeAt(i)
        h1 = Math.imul(h1 ^ c, 0x01000193)
        h2 = (Math.imul(h2, 31) + c) | 0
      }
    }
    this.hash1 = finalize(h1, 0x85ebca6b, 0xc2b2ae35)
    this.hash2 = finalize(h2, 0x7feb352d, 0x846ca68b)
  }

  private find(): number {
    const slots = this.slots
    const h1 = this.hash1
    const h2 = this.hash2
    for (let slot = h1 & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * WIDTH
      const entry = slots[at + 2]!
      if (entry === 0) return -1
      if (slots[at] === h1 && slots[at + 1] === h2) return entry - 1
    }
  }

  private place(h1: number, h2: number, id: number): void {
    let slot = h1 & this.mask
    while (this.slots[slot * WIDTH + 2] !== 0) slot = (slot + 1) & this.mask
    this.slots[slot * WIDTH] = h1
    this.slots[slot * WIDTH + 1] = h2
    this.slots[slot * WIDTH + 2] = id + 1
  }

  private rehash(): void {
    const old = this.slots
    this.mask = this.mask * 2 + 1
    this.slots = new Int32Array((this.mask + 1) * WIDTH)
    for (let at = 0; at < old.length; at += WIDTH) {
      if (old[at + 2] !== 0) this.place(old[at]!, old[at + 1]!, old[at + 2]! - 1)
    }
  }
}

function finalize(h: number, m1: number, m2: number): number {
  h ^= h >>> 16
  h = Math.imul(h, m1)
  h ^= h >>> 13
  h = Math.imul(h, m2)
  return h ^ (h >>> 16)
}
