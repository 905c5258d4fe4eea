/** A label cell: one label, several separated by # or |, or a JSON array; empty = no label. */
export function parseLabelsCell(cell: unknown, line: number): string[] {
  if (cell === null || cell === undefined) return []
  if (Array.isArray(cell)) return cell.map((label) => labelOf(label, line)).filter(Boolean)
  if (typeof cell !== 'string') return [labelOf(cell, line)]
  const text = cell.trim()
  if (text.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new Error(`Line ${line}: the label cell looks like a JSON array but is not valid JSON.`)
    }
    return parseLabelsCell(parsed, line)
  }
  return text
    .split(/[#|]/)
    .map((label) => label.trim())
    .filter((label) => label.length > 0)
}

function labelOf(value: unknown, line: number): string {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new Error(`Line ${line}: a label must be text, got ${JSON.stringify(value)}.`)
}

export function formatLabelsCell(labels: readonly string[]): string {
  return labels.join('|')
}
