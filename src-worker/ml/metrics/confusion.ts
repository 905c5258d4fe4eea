/** The "(none)" row and column of a multi-label confusion matrix: no gold / no predicted label. */
export const NONE_CELL = '(none)'

/** One confusion-matrix cell: gold label down, predicted label across; null is the "(none)" side. */
export type ConfusionCell = readonly [gold: string | null, predicted: string | null]

/**
 * The cells one document adds to the confusion matrix. Every label it got right goes on the
 * diagonal; each missed gold label pairs with each spurious predicted label, or with "(none)" when
 * nothing spurious was predicted; a spurious label with no missed gold pairs with "(none)" on the
 * gold side; a document with neither gold nor predicted labels is ("(none)", "(none)"). So a
 * perfectly predicted document adds only to the diagonal, and single-label rows give exactly the
 * usual (gold, predicted) cell.
 */
export function confusionCells(
  gold: readonly string[],
  predicted: readonly string[],
): ConfusionCell[] {
  const goldSet = new Set(gold)
  const predSet = new Set(predicted)
  const cells: ConfusionCell[] = []
  const missed = [...goldSet].filter((label) => !predSet.has(label))
  const spurious = [...predSet].filter((label) => !goldSet.has(label))
  for (const label of goldSet) if (predSet.has(label)) cells.push([label, label])
  if (missed.length > 0 && spurious.length > 0) {
    for (const g of missed) for (const p of spurious) cells.push([g, p])
  } else {
    for (const g of missed) cells.push([g, null])
    for (const p of spurious) cells.push([null, p])
  }
  if (goldSet.size === 0 && predSet.size === 0) cells.push([null, null])
  return cells
}

/**
 * Whether a document is counted in a cell of the matrix (or, with one side undefined, anywhere
 * in that gold row / predicted column): the filter behind "pick a cell to list its documents".
 */
export function inConfusionCell(
  gold: readonly string[],
  predicted: readonly string[],
  cell: { gold?: string | null; predicted?: string | null },
): boolean {
  return confusionCells(gold, predicted).some(
    ([g, p]) =>
      (cell.gold === undefined || cell.gold === g) &&
      (cell.predicted === undefined || cell.predicted === p),
  )
}
