import type { LabelScores, ReportData } from '../../../../src-main/api/contract/models'

/** One line of the classification report table: a label or an average. */
export interface ReportRow extends LabelScores {
  name: string
  kind: 'label' | 'average'
}

export type SortKey = 'name' | 'precision' | 'recall' | 'f1' | 'support'
export interface SortState {
  key: SortKey
  direction: 'ascending' | 'descending'
}

/** Per-label rows, then the averages scikit-learn prints (samples only for multi-label). */
export function reportRows(report: ReportData): { labels: ReportRow[]; averages: ReportRow[] } {
  const labels = report.labels.flatMap((name): ReportRow[] => {
    const scores = report.perLabel[name]
    return scores ? [{ name, kind: 'label', ...scores }] : []
  })
  const averages: ReportRow[] = [
    { name: 'micro avg', kind: 'average', ...report.micro },
    { name: 'macro avg', kind: 'average', ...report.macro },
    { name: 'weighted avg', kind: 'average', ...report.weighted },
  ]
  if (report.samples) averages.push({ name: 'samples avg', kind: 'average', ...report.samples })
  return { labels, averages }
}

/** Sorts label rows; ties keep the report's order so a sort is stable to the eye. */
export function sortRows(rows: readonly ReportRow[], sort: SortState): ReportRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const diff =
        sort.key === 'name'
          ? a.row.name.localeCompare(b.row.name)
          : a.row[sort.key] - b.row[sort.key]
      return diff * sign || a.index - b.index
    })
    .map(({ row }) => row)
}

/** Next sort after clicking a column header: a new column starts descending (names ascending). */
export function nextSort(current: SortState | null, key: SortKey): SortState {
  if (current?.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
  }
  return { key, direction: key === 'name' ? 'ascending' : 'descending' }
}

export const formatScore = (value: number): string => value.toFixed(3)

/** The report as tab-separated text (pastes into a spreadsheet), in the order shown. */
export function reportToTsv(
  labels: readonly ReportRow[],
  averages: readonly ReportRow[],
  accuracy: number,
  rows: number,
): string {
  const line = (r: ReportRow) =>
    [r.name, formatScore(r.precision), formatScore(r.recall), formatScore(r.f1), r.support].join(
      '\t',
    )
  return [
    ['label', 'precision', 'recall', 'f1-score', 'support'].join('\t'),
    ...labels.map(line),
    ['accuracy', '', '', formatScore(accuracy), rows].join('\t'),
    ...averages.map(line),
  ].join('\n')
}

/** Share of a confusion-matrix cell within its gold row, for the heatmap's colour strength. */
export function rowShares(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((sum, n) => sum + n, 0)
    return row.map((n) => (total === 0 ? 0 : n / total))
  })
}
