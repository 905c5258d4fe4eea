export interface SelfTestInput {
  steps: number
  stepMs: number
}

/** Counts primes below n: a small, deterministic CPU load that proves the thread computes. */
export function countPrimes(n: number): number {
  if (n < 2) return 0
  const sieve = new Uint8Array(n)
  let count = 0
  for (let i = 2; i < n; i++) {
    if (sieve[i] === 1) continue
    count++
    for (let j = i * i; j < n; j += i) sieve[j] = 1
  }
  return count
}
