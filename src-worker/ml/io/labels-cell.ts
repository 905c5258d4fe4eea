import { ApiError } from '../../../src-main/api/errors'
import { LABEL_SEPARATORS, type LabelSeparator } from '../../../src-main/api/contract/datasets'

export { LABEL_SEPARATORS, type LabelSeparator }

const SEPARATOR_CHARS = LABEL_SEPARATORS.filter(
  (s): s is Exclude<LabelSeparator, 'json'> => s !== 'json',
)

const looksLikeJsonArray = (text: string) => text.startsWith('[') && text.endsWith(']')

/**
 * The labels of one cell. A JSON array is always read as one; otherwise the cell is split on
 * `separator` (`json`: the whole cell is one label). Without a separator, `#` and `|` both split,
 * as files written before separators could be chosen expect.
 */
export function splitLabels(cell: string, separator: LabelSeparator | null): string[] {
  const text = cell.trim()
  if (text.length === 0) return []
  if (looksLikeJsonArray(text)) {
    const parsed = jsonLabels(text)
    if (parsed) return parsed
  }
  // One label (most cells): what the split below would give, without its arrays and set.
  if (separator === 'json' || !holdsSeparator(text, separator)) return [text]
  const pieces = separator === null ? text.split(/[#|]/) : text.split(separator)
  return unique(pieces.map((l) => l.trim()).filter((l) => l.length > 0))
}

const holdsSeparator = (text: string, separator: Exclude<LabelSeparator, 'json'> | null) =>
  separator === null ? text.includes('#') || text.includes('|') : text.includes(separator)

function jsonLabels(text: string): string[] | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (!Array.isArray(value)) return null
  const labels = value.flatMap((v) =>
    typeof v === 'string'
      ? [v.trim()]
      : typeof v === 'number' || typeof v === 'boolean'
        ? [String(v)]
        : [],
  )
  return unique(labels.filter((l) => l.length > 0))
}

const unique = (labels: string[]) => [...new Set(labels)]

/**
 * The separator most label cells hold (JSON arrays when most cells are arrays); null when no cell
 * holds any, so single labels stay whole.
 */
export function sniffLabelSeparator(cells: readonly string[]): LabelSeparator | null {
  const filled = cells.map((c) => c.trim()).filter((c) => c.length > 0)
  const json = filled.filter((c) => looksLikeJsonArray(c) && jsonLabels(c) !== null)
  const plain = filled.filter((c) => !looksLikeJsonArray(c))
  let best: LabelSeparator | null = null
  let bestCount = 0
  for (const separator of SEPARATOR_CHARS) {
    const count = plain.filter((c) => c.includes(separator)).length
    if (count > bestCount) {
      best = separator
      bestCount = count
    }
  }
  if (best === null && json.length > 0) return 'json'
  return best
}

/** A label cell of a data file (train/evaluate/label); a broken JSON array fails with its line. */
export function parseLabelsCell(
  cell: unknown,
  line: number,
  separator: LabelSeparator | null = null,
): string[] {
  if (cell === null || cell === undefined) return []
  if (Array.isArray(cell)) return cell.map((label) => labelOf(label, line)).filter(Boolean)
  if (typeof cell !== 'string') return [labelOf(cell, line)]
  const text = cell.trim()
  if (text.startsWith('[') && separator !== 'json' && jsonLabels(text) === null) {
    throw new ApiError(
      'VALIDATION',
      `Line ${line}: the label cell looks like a JSON array but is not valid JSON.`,
    )
  }
  return splitLabels(text, separator)
}

function labelOf(value: unknown, line: number): string {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new ApiError(
    'VALIDATION',
    `Line ${line}: a label must be text, got ${JSON.stringify(value)}.`,
  )
}

export function formatLabelsCell(labels: readonly string[]): string {
  return labels.join('|')
}
