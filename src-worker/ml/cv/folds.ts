import { createRandom, shuffleInPlace } from '../random'

/**
 * Assigns rows to k folds, stratified and seeded: rows are grouped by the rarest label they carry
 * (exact stratification for single-label data, a close one for multi-label data), each group is
 * shuffled and dealt round-robin, continuing from where the last group stopped so folds stay
 * within one row of each other in size. members is rows x width (1 = the row has that label).
 */
export function stratifiedFolds(
  members: Uint8Array,
  width: number,
  k: number,
  seed: number,
): Int32Array {
  const rows = width === 0 ? 0 : members.length / width
  const frequency = new Int32Array(width)
  for (let i = 0; i < members.length; i++) if (members[i]) frequency[i % width]!++
  const groupOf = new Int32Array(rows)
  const groupSizes = new Int32Array(width + 1)
  for (let r = 0; r < rows; r++) {
    let rarest = width
    for (let l = 0; l < width; l++) {
      if (members[r * width + l] && (rarest === width || frequency[l]! < frequency[rarest]!))
        rarest = l
    }
    groupOf[r] = rarest
    groupSizes[rarest]!++
  }
  const starts = new Int32Array(width + 2)
  for (let g = 0; g <= width; g++) starts[g + 1] = starts[g]! + groupSizes[g]!
  const order = new Int32Array(rows)
  const filled = starts.slice(0, width + 1)
  for (let r = 0; r < rows; r++) order[filled[groupOf[r]!]!++] = r
  const random = createRandom(seed * 2654435761 + 17)
  const folds = new Int32Array(rows)
  let next = 0
  for (let g = 0; g <= width; g++) {
    const group = order.subarray(starts[g], starts[g + 1])
    shuffleInPlace(group, random)
    for (const r of group) {
      folds[r] = next
      next = (next + 1) % k
    }
  }
  return folds
}

/** The rows of fold f (validation) and of every other fold (training), in row order. */
export function foldRows(folds: Int32Array, f: number): { train: Int32Array; valid: Int32Array } {
  let validCount = 0
  for (const fold of folds) if (fold === f) validCount++
  const train = new Int32Array(folds.length - validCount)
  const valid = new Int32Array(validCount)
  let t = 0
  let v = 0
  folds.forEach((fold, r) => {
    if (fold === f) valid[v++] = r
    else train[t++] = r
  })
  return { train, valid }
}

/** How many folds a data set can take: k, fewer when rows are scarce, 0 when CV is pointless. */
export function usableFolds(rows: number, k: number): number {
  const folds = Math.min(k, Math.floor(rows / 2))
  return folds >= 2 ? folds : 0
}
