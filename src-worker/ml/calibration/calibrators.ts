import { applyIsotonic, fitIsotonic } from './isotonic'
import { fitPlatt } from './platt'

export const CALIBRATION_METHODS = ['auto', 'platt', 'isotonic', 'none'] as const
/**
 * How decision values become probabilities. platt: a sigmoid fitted on out-of-fold decisions;
 * isotonic: a monotone curve fitted on them (needs many rows); auto: isotonic for labels with at
 * least ISOTONIC_MIN_ROWS positive and negative rows, Platt otherwise; none: the model's own
 * sigmoid (logistic regression, naive Bayes) or the plain sigmoid of the decision (SVM).
 */
export type CalibrationMethod = (typeof CALIBRATION_METHODS)[number]

export const ISOTONIC_MIN_ROWS = 1000

/** One calibration curve per label: isotonic where isoCount > 0, else the sigmoid. */
export interface Calibration {
  /** a, b per label: p = 1 / (1 + exp(a * f + b)); a < 0 when a higher decision means more likely. */
  sigmoids: Float64Array
  /** width + 1 offsets into isoX / isoY; empty when no label uses an isotonic curve. */
  isoOffsets: Int32Array
  isoX: Float64Array
  isoY: Float64Array
}

export function naturalCalibration(width: number): Calibration {
  const sigmoids = new Float64Array(2 * width)
  for (let l = 0; l < width; l++) sigmoids[2 * l] = -1
  return {
    sigmoids,
    isoOffsets: new Int32Array(0),
    isoX: new Float64Array(0),
    isoY: new Float64Array(0),
  }
}

/** The calibrated probability of label l at decision value f. */
export function calibrated(c: Calibration, l: number, f: number): number {
  if (c.isoOffsets.length > 0) {
    const start = c.isoOffsets[l]!
    const count = c.isoOffsets[l + 1]! - start
    if (count > 0) return applyIsotonic(c.isoX, c.isoY, start, count, f)
  }
  // The form model files of version 1 were scored with: old files keep their exact scores.
  return 1 / (1 + Math.exp(c.sigmoids[2 * l]! * f + c.sigmoids[2 * l + 1]!))
}

/** One column of a rows x width matrix. */
export function column<T extends Float64Array | Uint8Array>(
  matrix: T,
  width: number,
  l: number,
): T {
  const rows = width === 0 ? 0 : matrix.length / width
  const out = (matrix instanceof Uint8Array ? new Uint8Array(rows) : new Float64Array(rows)) as T
  for (let r = 0; r < rows; r++) out[r] = matrix[r * width + l]!
  return out
}

/**
 * Below this many positive or negative rows, a label's out-of-fold decisions are too few to learn
 * a curve or a threshold from: it keeps the natural rule.
 */
export const MIN_CV_CLASS_ROWS = 5

/** Per label, 1 when it has enough positive and negative rows to be calibrated and tuned. */
export function learnableLabels(members: Uint8Array, width: number): Uint8Array {
  const rows = width === 0 ? 0 : members.length / width
  const positives = new Int32Array(width)
  for (let i = 0; i < members.length; i++) positives[i % width]! += members[i]!
  return Uint8Array.from(positives, (p) => (Math.min(p, rows - p) >= MIN_CV_CLASS_ROWS ? 1 : 0))
}

/**
 * Fits each learnable label's curve on out-of-fold decision values (rows x width) against
 * membership, so the probabilities say how often a held-out row with that decision has the label.
 */
export function fitCalibration(
  decisions: Float64Array,
  members: Uint8Array,
  width: number,
  method: Exclude<CalibrationMethod, 'none'>,
  learnable: Uint8Array,
): Calibration {
  const calibration = naturalCalibration(width)
  const curves: { x: Float64Array; y: Float64Array }[] = []
  for (let l = 0; l < width; l++) {
    if (!learnable[l]) continue
    const f = column(decisions, width, l)
    const positive = column(members, width, l)
    let positives = 0
    for (const p of positive) positives += p
    const negatives = positive.length - positives
    const isotonic =
      method === 'isotonic' ||
      (method === 'auto' && Math.min(positives, negatives) >= ISOTONIC_MIN_ROWS)
    if (isotonic && positives > 0 && negatives > 0) {
      curves[l] = fitIsotonic(f, positive)
      continue
    }
    const { a, b } = fitPlatt(f, positive)
    calibration.sigmoids[2 * l] = a
    calibration.sigmoids[2 * l + 1] = b
  }
  if (curves.length === 0) return calibration
  const offsets = new Int32Array(width + 1)
  for (let l = 0; l < width; l++) offsets[l + 1] = offsets[l]! + (curves[l]?.x.length ?? 0)
  const isoX = new Float64Array(offsets[width]!)
  const isoY = new Float64Array(offsets[width]!)
  curves.forEach((curve, l) => {
    isoX.set(curve.x, offsets[l])
    isoY.set(curve.y, offsets[l])
  })
  return { ...calibration, isoOffsets: offsets, isoX, isoY }
}
