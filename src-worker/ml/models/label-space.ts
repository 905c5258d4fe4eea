/** The labels a model learns: sorted, unique, without the none label. */
export function labelSpace(
  gold: readonly (readonly string[])[],
  noneLabel: string | null,
): string[] {
  const seen = new Set<string>()
  for (const row of gold) for (const label of row) if (label !== noneLabel) seen.add(label)
  return [...seen].sort(compareStrings)
}

/** Code-unit order: locale-independent, so the same data gives the same model everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** rows x labels membership matrix. */
export function labelMatrix(gold: readonly (readonly string[])[], labels: readonly string[]) {
  const column = new Map(labels.map((label, i) => [label, i]))
  const matrix = new Uint8Array(gold.length * labels.length)
  gold.forEach((row, r) => {
    for (const label of row) {
      const l = column.get(label)
      if (l !== undefined) matrix[r * labels.length + l] = 1
    }
  })
  return matrix
}

export function isMultiLabel(gold: readonly (readonly string[])[]): boolean {
  return gold.some((row) => row.length > 1)
}
