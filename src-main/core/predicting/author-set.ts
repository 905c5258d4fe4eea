/**
 * A set of strings kept as UTF-16 code units in typed arrays: about 2 bytes per character and 16 per
 * entry, outside the JS heap. A Set<string> of the same 200k author names costs ~90 bytes each on
 * the heap, where the heap's growth policy then adds half again.
 */
export class AuthorSet {
  private units = new Uint16Array(1 << 16)
  /** Entry e is units[offsets[e] .. offsets[e + 1]). */
  private offsets = new Int32Array(1 << 12)
  private hashes = new Int32Array(1 << 11)
  /** Open addressing: entry index + 1, or 0 when free; at most half full. */
  private slots = new Int32Array(1 << 12)
  private count = 0

  get size(): number {
    return this.count
  }

  /** Code units held: the set's memory is about twice this in bytes. */
  get unitCount(): number {
    return this.offsets[this.count]!
  }

  /** Adds `text` unless present; true when it was new. */
  add(text: string): boolean {
    const before = this.count
    this.indexOf(text)
    return this.count > before
  }

  /** The entry of `text` (entries count from 0 in the order first added), added when absent. */
  indexOf(text: string): number {
    const hash = hashOf(text)
    const mask = this.slots.length - 1
    let slot = hash & mask
    for (let entry = this.slots[slot]!; entry !== 0; entry = this.slots[slot]!) {
      if (this.hashes[entry - 1] === hash && this.holds(entry - 1, text)) return entry - 1
      slot = (slot + 1) & mask
    }
    this.append(text, hash)
    this.slots[slot] = this.count
    if (this.count * 2 > this.slots.length) this.rehash()
    return this.count - 1
  }

  /** Bytes held in its arrays. */
  get byteLength(): number {
    return (
      this.units.byteLength +
      this.offsets.byteLength +
      this.hashes.byteLength +
      this.slots.byteLength
    )
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (let e = 0; e < this.count; e++) yield this.textAt(e)
  }

  /** The string of entry `e`. */
  textAt(e: number): string {
    const bytes = Buffer.from(this.units.buffer, 0, this.units.byteLength)
    return bytes.toString('utf16le', this.offsets[e]! * 2, this.offsets[e + 1]! * 2)
  }

  /** Entries `a` and `b` compared by code units, as `<` compares strings. */
  compare(a: number, b: number): number {
    const aFrom = this.offsets[a]!
    const bFrom = this.offsets[b]!
    const aLength = this.offsets[a + 1]! - aFrom
    const bLength = this.offsets[b + 1]! - bFrom
    for (let i = 0; i < aLength && i < bLength; i++) {
      const d = this.units[aFrom + i]! - this.units[bFrom + i]!
      if (d !== 0) return d
    }
    return aLength - bLength
  }

  private holds(entry: number, text: string): boolean {
    const start = this.offsets[entry]!
    if (this.offsets[entry + 1]! - start !== text.length) return false
    for (let i = 0; i < text.length; i++)
      if (this.units[start + i] !== text.charCodeAt(i)) return false
    return true
  }

  private append(text: string, hash: number): void {
    const start = this.offsets[this.count]!
    if (start + text.length > this.units.length)
      this.units = grown(this.units, start + text.length, Uint16Array)
    for (let i = 0; i < text.length; i++) this.units[start + i] = text.charCodeAt(i)
    if (this.count + 2 > this.offsets.length)
      this.offsets = grown(this.offsets, this.count + 2, Int32Array)
    if (this.count + 1 > this.hashes.length)
      this.hashes = grown(this.hashes, this.count + 1, Int32Array)
    this.hashes[this.count] = hash
    this.count++
    this.offsets[this.count] = start + text.length
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    const mask = this.slots.length - 1
    for (let e = 0; e < this.count; e++) {
      let slot = this.hashes[e]! & mask
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask
      this.slots[slot] = e + 1
    }
  }
}

function grown<T extends Uint16Array | Int32Array>(
  array: T,
  needed: number,
  Kind: new (length: number) => T,
): T {
  let length = array.length * 2
  while (length < needed) length *= 2
  const next = new Kind(length)
  next.set(array)
  return next
}

/** FNV-1a over code units, then a final mix so that linear probing sees well-spread low bits. */
function hashOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  h ^= h >>> 15
  h = Math.imul(h, 0x2c1b3c6d)
  return h ^ (h >>> 12)
}
