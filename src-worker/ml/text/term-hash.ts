/** Odd multiplier of the polynomial term hash (mod 2^32). */
export const HASH_BASE = 0x01000193
export const SPACE_UNIT = 32
export const POWER_2 = Math.imul(HASH_BASE, HASH_BASE)

/**
 * Polynomial hash of code units, sum of unit[i] * HASH_BASE^(n-1-i) mod 2^32: the hash of a
 * 2-gram "a b" follows from the hashes of a and b (see joinHashes), so the tokenizer rolls it
 * along without building strings. Callers mix it before indexing a table; it is not a checksum.
 */
export function termHash(text: string, start = 0, end = text.length): number {
  let hash = 0
  for (let i = start; i < end; i++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0
  return hash
}

/** Hash of a + ' ' + b from the hash of a, the hash of b and HASH_BASE^length(b). */
export function joinHashes(first: number, second: number, secondPower: number): number {
  return (Math.imul((Math.imul(first, HASH_BASE) + SPACE_UNIT) | 0, secondPower) + second) | 0
}

/** HASH_BASE^n mod 2^32. */
export function hashPower(n: number): number {
  let power = 1
  for (let i = 0; i < n; i++) power = Math.imul(power, HASH_BASE)
  return power
}
