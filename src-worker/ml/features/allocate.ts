/**
 * Where a table built whole puts its arrays: zeroed bytes, in a buffer of their own or in the
 * scoring kernel's shared memory (KernelMemory), which every labelling thread reads.
 */
export type Allocate = (bytes: number) => Uint8Array<ArrayBufferLike>

export const ownBuffer: Allocate = (bytes) => new Uint8Array(bytes)

export function int32s(allocate: Allocate, length: number): Int32Array<ArrayBufferLike> {
  const bytes = allocate(4 * length)
  return new Int32Array(bytes.buffer, bytes.byteOffset, length)
}

export function uint16s(allocate: Allocate, length: number): Uint16Array<ArrayBufferLike> {
  const bytes = allocate(2 * length)
  return new Uint16Array(bytes.buffer, bytes.byteOffset, length)
}

export function float32s(allocate: Allocate, length: number): Float32Array<ArrayBufferLike> {
  const bytes = allocate(4 * length)
  return new Float32Array(bytes.buffer, bytes.byteOffset, length)
}
