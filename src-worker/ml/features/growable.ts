/** An Int32Array that grows (by half again) as values are appended: no per-item objects. */
export class GrowableInt32 {
  array: Int32Array
  length = 0

  constructor(
    capacity = 1024,
    /** Storage in SharedArrayBuffers, which solver threads read without a copy. */
    private readonly shared = false,
  ) {
    this.array = this.allocate(capacity)
  }

  private allocate(capacity: number): Int32Array {
    return this.shared ? sharedInt32(capacity) : new Int32Array(capacity)
  }

  push(value: number): void {
    if (this.length === this.array.length) this.reserve(Math.ceil(this.length * 1.5))
    this.array[this.length++] = value
  }

  /** Makes room for at least `capacity` values in one step (when the final size is foreseeable). */
  reserve(capacity: number): void {
    if (capacity <= this.array.length) return
    const bigger = this.allocate(Math.max(capacity, 16))
    bigger.set(this.array.subarray(0, this.length))
    this.array = bigger
  }

  toArray(): Int32Array {
    if (!this.shared) return this.array.slice(0, this.length)
    const copy = sharedInt32(this.length)
    copy.set(this.array.subarray(0, this.length))
    return copy
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

/** A new Int32Array of `length` starting with `array`'s values (arrays that grow as they fill). */
export function grownInt32(
  array: Int32Array<ArrayBufferLike>,
  length: number,
): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length)
  bigger.set(array)
  return bigger
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT))
}

export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT))
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT))
}

/** The array itself when it already lives in shared memory, else a shared copy. */
export function asShared<T extends Int32Array | Float32Array | Float64Array | Uint8Array>(
  array: T,
): T {
  if (array.buffer instanceof SharedArrayBuffer) return array
  const Type = array.constructor as new (buffer: SharedArrayBuffer) => T
  const copy = new Type(new SharedArrayBuffer(array.byteLength))
  copy.set(array)
  return copy
}
