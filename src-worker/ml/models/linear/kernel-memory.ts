import type { Allocate } from '../../features/allocate'

const PAGE = 65_536
/** 2 GiB: addresses stay positive int32s (the allocator's counter is one). */
export const KERNEL_MEMORY_PAGES = 32_768
/** The allocator's next free byte sits at address 0; nothing is ever placed below this. */
const FIRST_FREE = 8

/**
 * A shared WebAssembly memory that a model's scorer tables are built in, once: every labelling
 * thread's scoring kernel (see ScoreKernel) runs over this same memory, so the tables are neither
 * copied per thread nor moved when it grows (a shared memory's buffer never detaches). Threads
 * take their own scratch space from it with reserve(), which is safe from any thread.
 */
export class KernelMemory {
  readonly memory: WebAssembly.Memory

  constructor(memory?: WebAssembly.Memory) {
    if (memory) {
      this.memory = memory
      return
    }
    this.memory = new WebAssembly.Memory({
      initial: 1,
      maximum: KERNEL_MEMORY_PAGES,
      shared: true,
    })
    new Int32Array(this.memory.buffer, 0, 1)[0] = FIRST_FREE
  }

  /** Address of `bytes` of zeroed memory (8-byte aligned) that no other caller gets. */
  reserve(bytes: number): number {
    const size = Math.ceil(bytes / 8) * 8
    const at = Atomics.add(new Int32Array(this.memory.buffer, 0, 1), 0, size)
    const end = at + size
    if (end > KERNEL_MEMORY_PAGES * PAGE) throw new RangeError('Scorer tables past 2 GiB.')
    // Another thread may grow it at the same time: a few pages too many at worst.
    const length = this.memory.buffer.byteLength
    if (end > length) this.memory.grow(Math.ceil((end - length) / PAGE))
    return at
  }

  /** Places arrays in this memory (TermTable.fromUtf8, scorerTables). */
  readonly allocate: Allocate = (bytes) => {
    const at = this.reserve(bytes)
    return new Uint8Array(this.memory.buffer, at, bytes)
  }
}
