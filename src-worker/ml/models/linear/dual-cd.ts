import type { CsrMatrix } from '../../features/sparse'
import { rowSquaredNorms } from '../../features/sparse'
import { shuffleInPlace } from '../../random'

export interface BinaryProblem {
  x: CsrMatrix
  /** +1 or -1 per row. */
  y: Int8Array
  C: number
  tolerance: number
  maxIterations: number
  random: () => number
  /** |x_i|^2 + 1 (the bias feature) per row, shared by every label's problem. */
  squaredNorms?: Float64Array
}

/** Weights over x.cols features plus a trailing bias (an always-1 feature, regularised like liblinear's). */
export type BinaryWeights = Float64Array

export interface DualSolution {
  w: BinaryWeights
  /** Dual variable per row (for logistic regression, the first of each row's pair). */
  alpha: Float64Array
}

function dot(x: CsrMatrix, row: number, w: Float64Array): number {
  let sum = w[x.cols]!
  for (let k = x.indptr[row]!; k < x.indptr[row + 1]!; k++) sum += x.values[k]! * w[x.indices[k]!]!
  return sum
}

function addRow(x: CsrMatrix, row: number, scale: number, w: Float64Array): void {
  for (let k = x.indptr[row]!; k < x.indptr[row + 1]!; k++)
    w[x.indices[k]!]! += scale * x.values[k]!
  w[x.cols]! += scale
}

/**
 * L2-regularised squared-hinge SVM, solved in the dual by coordinate descent with shrinking
 * (liblinear's solve_l2r_l1l2_svc, the solver behind scikit-learn's LinearSVC).
 */
export function trainSvmDual(problem: BinaryProblem): DualSolution {
  const { x, y, C } = problem
  const { indptr, indices, values } = x
  const rows = x.rows
  const bias = x.cols
  const diag = 0.5 / C
  const qd = (problem.squaredNorms ?? rowSquaredNorms(x, 1)).map((v) => v + diag)
  const alpha = new Float64Array(rows)
  // float32 halves the weights' cache footprint; the solver state that needs precision is alpha.
  const w32 = new Float32Array(x.cols + 1)
  const index = Int32Array.from({ length: rows }, (_, i) => i)
  let active = rows
  let maxOld = Infinity
  for (let iter = 0; iter < problem.maxIterations; iter++) {
    let maxNew = -Infinity
    let minNew = Infinity
    shuffleInPlace(index.subarray(0, active), problem.random)
    for (let s = 0; s < active; s++) {
      const i = index[s]!
      const yi = y[i]!
      const start = indptr[i]!
      const end = indptr[i + 1]!
      let f = w32[bias]!
      for (let k = start; k < end; k++) f += values[k]! * w32[indices[k]!]!
      const g = yi * f - 1 + alpha[i]! * diag
      let pg = g
      if (alpha[i] === 0) {
        if (g > maxOld) {
          active--
          index[s] = index[active]!
          index[active] = i
          s--
          continue
        }
        if (g > 0) pg = 0
      }
      if (pg > maxNew) maxNew = pg
      if (pg < minNew) minNew = pg
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i]!
        alpha[i] = Math.max(old - g / qd[i]!, 0)
        const step = (alpha[i] - old) * yi
        for (let k = start; k < end; k++) w32[indices[k]!]! += step * values[k]!
        w32[bias]! += step
      }
    }
    if (maxNew - minNew <= problem.tolerance) {
      if (active === rows) break
      active = rows
      maxOld = Infinity
      continue
    }
    maxOld = maxNew <= 0 ? Infinity : maxNew
  }
  return { w: Float64Array.from(w32), alpha }
}

/**
 * L2-regularised logistic regression in the dual (liblinear's solve_l2r_lr_dual): each
 * coordinate step is a few Newton iterations on a one-variable entropy-regularised problem.
 */
export function trainLogregDual(problem: BinaryProblem): DualSolution {
  const { x, y, C } = problem
  const rows = x.rows
  const xx = problem.squaredNorms ?? rowSquaredNorms(x, 1)
  const alpha = new Float64Array(2 * rows)
  const w = new Float64Array(x.cols + 1)
  const index = Int32Array.from({ length: rows }, (_, i) => i)
  const minInner = Math.min(1e-8, problem.tolerance)
  let innerEps = 1e-2
  for (let i = 0; i < rows; i++) {
    alpha[2 * i] = Math.min(0.001 * C, 1e-8)
    alpha[2 * i + 1] = C - alpha[2 * i]!
    addRow(x, i, y[i]! * alpha[2 * i]!, w)
  }
  for (let iter = 0; iter < problem.maxIterations; iter++) {
    shuffleInPlace(index, problem.random)
    let newtonSteps = 0
    let gmax = 0
    for (let s = 0; s < rows; s++) {
      const i = index[s]!
      const yi = y[i]!
      const a = xx[i]!
      const b = yi * dot(x, i, w)
      let first = 2 * i
      let second = 2 * i + 1
      let sign = 1
      if (0.5 * a * (alpha[second]! - alpha[first]!) + b < 0) {
        first = 2 * i + 1
        second = 2 * i
        sign = -1
      }
      const old = alpha[first]!
      let z = C - old < 0.5 * C ? 0.1 * old : old
      let gp = a * (z - old) + sign * b + Math.log(z / (C - z))
      gmax = Math.max(gmax, Math.abs(gp))
      let inner = 0
      while (inner <= 100 && Math.abs(gp) >= innerEps) {
        const gpp = a + C / (C - z) / z
        const next = z - gp / gpp
        z = next <= 0 ? z * 0.1 : next
        gp = a * (z - old) + sign * b + Math.log(z / (C - z))
        newtonSteps++
        inner++
      }
      if (inner > 0) {
        alpha[first] = z
        alpha[second] = C - z
        addRow(x, i, sign * (z - old) * yi, w)
      }
    }
    if (gmax < problem.tolerance) break
    if (newtonSteps <= rows / 10) innerEps = Math.max(minInner, 0.1 * innerEps)
  }
  return { w, alpha: alpha.filter((_, k) => k % 2 === 0) }
}
