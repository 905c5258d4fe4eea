/** Sigmoid 1 / (1 + exp(a * f + b)) mapping a decision value f to a probability. */
export interface Sigmoid {
  a: number
  b: number
}

/**
 * Platt scaling with the Newton method and the regularised targets of Lin, Lin and Weng (2007),
 * as in libsvm's sigmoid_train.
 */
export function fitPlatt(decisions: Float64Array, positive: Uint8Array): Sigmoid {
  const n = decisions.length
  let prior1 = 0
  for (let i = 0; i < n; i++) prior1 += positive[i]!
  const prior0 = n - prior1
  const hi = (prior1 + 1) / (prior1 + 2)
  const lo = 1 / (prior0 + 2)
  const target = (i: number) => (positive[i] ? hi : lo)
  let a = 0
  let b = Math.log((prior0 + 1) / (prior1 + 1))
  let fval = objective(decisions, target, a, b)
  for (let iter = 0; iter < 50; iter++) {
    let h11 = 1e-12
    let h22 = 1e-12
    let h21 = 0
    let g1 = 0
    let g2 = 0
    for (let i = 0; i < n; i++) {
      const f = decisions[i]!
      const z = f * a + b
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z))
      const q = 1 - p
      const d2 = p * q
      h11 += f * f * d2
      h22 += d2
      h21 += f * d2
      const d1 = target(i) - p
      g1 += f * d1
      g2 += d1
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break
    const det = h11 * h22 - h21 * h21
    const da = -(h22 * g1 - h21 * g2) / det
    const db = -(-h21 * g1 + h11 * g2) / det
    const gd = g1 * da + g2 * db
    let step = 1
    while (step >= 1e-10) {
      const na = a + step * da
      const nb = b + step * db
      const nf = objective(decisions, target, na, nb)
      if (nf < fval + 0.0001 * step * gd) {
        a = na
        b = nb
        fval = nf
        break
      }
      step /= 2
    }
    if (step < 1e-10) break
  }
  return { a, b }
}

function objective(f: Float64Array, target: (i: number) => number, a: number, b: number): number {
  let value = 0
  for (let i = 0; i < f.length; i++) {
    const z = f[i]! * a + b
    const t = target(i)
    value += z >= 0 ? t * z + Math.log1p(Math.exp(-z)) : (t - 1) * z + Math.log1p(Math.exp(z))
  }
  return value
}
