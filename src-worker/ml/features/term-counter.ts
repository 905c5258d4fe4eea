import { grownInt32 } from './growable'

/**
 * Counts the distinct term ids of one document at a time in a small open-addressing table that
 * stays in cache (a vocabulary-sized array would cost a cache miss per token on large models).
 */
export class TermCounter {
  ids = new Int32Array(256)
  counts = new Int32Array(256)
  size = 0
  /** id + 1 per slot, 0 = empty; slotIndex is where that id sits in ids/counts. */
  private keys = new Int32Array(1024)
  private slotIndex = new Int32Array(1024)
  /** The slot of ids[k]: a document's slots are emptied without hashing its ids again. */
  private slotOf = new Int32Array(256)
  private mask = 1023
  private shift = 22

  startDocument(): void {
    const { keys, slotOf } = this
    for (let k = 0; k < this.size; k++) keys[slotOf[k]!] = 0
    this.size = 0
  }

  /** Counts one occurrence of id; returns where the id sits in ids/counts. */
  add(id: number): number {
    const keys = this.keys
    let slot = Math.imul(id, 0x9e3779b1) >>> this.shift
    for (;;) {
      const key = keys[slot]!
      if (key === id + 1) {
        const index = this.slotIndex[slot]!
        this.counts[index]!++
        return index
      }
      if (key === 0) break
      slot = (slot + 1) & this.mask
    }
    if (this.size === this.ids.length) this.growRow()
    keys[slot] = id + 1
    this.slotIndex[slot] = this.size
    this.slotOf[this.size] = slot
    this.ids[this.size] = id
    this.counts[this.size++] = 1
    if (this.size * 2 > this.mask) this.growTable()
    return this.size - 1
  }

  private growRow(): void {
    const length = 2 * this.ids.length
    this.ids = grownInt32(this.ids, length)
    this.counts = grownInt32(this.counts, length)
    this.slotOf = grownInt32(this.slotOf, length)
  }

  private growTable(): void {
    const capacity = (this.mask + 1) * 4
    this.keys = new Int32Array(capacity)
    this.slotIndex = new Int32Array(capacity)
    this.mask = capacity - 1
    this.shift -= 2
    for (let k = 0; k < this.size; k++) {
      let slot = Math.imul(this.ids[k]!, 0x9e3779b1) >>> this.shift
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask
      this.keys[slot] = this.ids[k]! + 1
      this.slotIndex[slot] = k
      this.slotOf[k] = slot
    }
  }
}
