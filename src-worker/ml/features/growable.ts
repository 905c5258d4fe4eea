/** An Int32Array that grows by doubling: appends without per-item objects. */
export class GrowableInt32 {
  array: Int32Array
  length = 0

  constructor(capacity = 1024) {
    this.array = new Int32Array(capacity)
  }

  push(value: number): void {
    if (this.length === this.array.length) this.array = grow(this.array, this.length * 2)
    this.array[this.length++] = value
  }

  toArray(): Int32Array {
    return this.array.slice(0, this.length)
  }
}

function grow(array: Int32Array, capacity: number): Int32Array {
  const bigger = new Int32Array(Math.max(capacity, 16))
  bigger.set(array)
  return bigger
}
