/** An Int32Array that grows (by half again) as values are appended: no per-item objects. */
export class GrowableInt32 {
  array: Int32Array
  length = 0

  constructor(capacity = 1024) {
    this.array = new Int32Array(capacity)
  }

  push(value: number): void {
    if (this.length === this.array.length) this.reserve(Math.ceil(this.length * 1.5))
    this.array[this.length++] = value
  }

  /** Makes room for at least `capacity` values in one step (when the final size is foreseeable). */
  reserve(capacity: number): void {
    if (capacity <= this.array.length) return
    const bigger = new Int32Array(Math.max(capacity, 16))
    bigger.set(this.array.subarray(0, this.length))
    this.array = bigger
  }

  toArray(): Int32Array {
    return this.array.slice(0, this.length)
  }

  /**
   * The values without copying them when little room is left over, or when the array is large: a
   * copy of a corpus-sized array would briefly hold it twice, while the unused room past `length`
   * was never written (a new array's pages are untouched zeros) and so takes no memory.
   */
  trimmed(): Int32Array {
    return this.length * 8 >= this.array.length * 7 || this.length >= LARGE
      ? this.array.subarray(0, this.length)
      : this.toArray()
  }
}

/** Values from which trimmed() keeps the array as it is (4 MB). */
const LARGE = 1 << 20
