import type { BaselineData, LabelCounts, LabelScores, ReportData } from '@api/contract/models'

/** The "(none)" row/column of a multi-label confusion matrix, and an empty label set. */
export const NONE = '(none)'

/** One line of the classification report table: a label (with its counts) or an average. */
export interface ReportRow extends LabelScores {
  name: string
  kind: 'label' | 'average'
  counts: LabelCounts | null
}

export type SortKey = 'name' | 'precision' | 'recall' | 'f1' | 'support' | keyof LabelCounts
export interface SortState {
  key: SortKey
  direction: 'ascending' | 'descending'
}

/** Per-label rows, then the averages scikit-learn prints (samples only for multi-label). */
export function reportRows(report: ReportData): { labels: ReportRow[]; averages: ReportRow[] } {
  const labels = report.labels.flatMap((name): ReportRow[] => {
    const scores = report.perLabel[name]
    const counts = report.counts?.[name] ?? null
    return scores ? [{ name, kind: 'label', ...scores, counts }] : []
  })
  const average = (name: string, scores: LabelScores): ReportRow => ({
    name,
    kind: 'average',
    ...scores,
    counts: null,
  })
  const averages: ReportRow[] = [
    average('micro avg', report.micro),
    average('macro avg', report.macro),
    average('weighted avg', report.weighted),
  ]
  if (report.samples) averages.push(average('samples avg', report.samples))
  return { labels, averages }
}

/** Sorts label rows; ties keep the report's order so a sort is stable to the eye. */
export function sortRows(rows: readonly ReportRow[], sort: SortState): ReportRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1
  const key = sort.key
  const value = (row: ReportRow): number =>
    key === 'name'
      ? 0
      : key === 'tp' || key === 'fp' || key === 'fn' || key === 'tn'
        ? (row.counts?.[key] ?? 0)
        : row[key]
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const diff =
        sort.key === 'name' ? a.row.name.localeCompare(b.row.name) : value(a.row) - value(b.row)
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

/** "accuracy", or for multi-label "exact-match accuracy": a row counts only if its whole set is right. */
export const accuracyName = (multiLabel: boolean): string =>
  multiLabel ? 'exact-match accuracy' : 'accuracy'

/**
 * "No better than always predicting female" when the model's macro-F1 is not above the trivial
 * baseline's (see BaselineData); null otherwise or when no baseline was measured.
 */
export function baselineWarning(v: {
  belowBaseline: boolean
  baseline: BaselineData | null
}): string | null {
  if (!v.belowBaseline || !v.baseline) return null
  return `No better than ${baselineGuess(v.baseline)}`
}

/** What the baseline predicts: "always predicting female", "giving every post a, b and c". */
export function baselineGuess(b: BaselineData): string {
  if (b.strategy === 'majority') return `always predicting ${b.labels[0] ?? NONE}`
  if (b.labels.length === 0) return 'predicting no label'
  if (b.labels.length === 1) return `always predicting ${b.labels[0]}`
  return `giving every post ${b.labels.slice(0, -1).join(', ')} and ${b.labels.at(-1)}`
}

/** The report as tab-separated text (pastes into a spreadsheet), in the order shown. */
export function reportToTsv(
  report: ReportData,
  labels: readonly ReportRow[],
  averages: readonly ReportRow[],
): string {
  const withCounts = report.counts !== null
  const line = (r: ReportRow) =>
    [
      r.name,
      formatScore(r.precision),
      formatScore(r.recall),
      formatScore(r.f1),
      ...(withCounts
        ? r.counts
          ? [r.counts.tp, r.counts.fp, r.counts.fn, r.counts.tn]
          : blanks
        : []),
      r.support,
    ].join('\t')
  const blanks = ['', '', '', '']
  const figure = (name: string, value: number) =>
    [name, '', '', formatScore(value), ...(withCounts ? blanks : []), report.rows].join('\t')
  const lines = [
    ['label', 'precision', 'recall', 'f1-score']
      .concat(withCounts ? ['tp', 'fp', 'fn', 'tn'] : [], ['support'])
      .join('\t'),
    ...labels.map(line),
    figure(accuracyName(report.multiLabel), report.accuracy),
    ...averages.map(line),
  ]
  if (report.multiLabel && report.hammingLoss !== null)
    lines.push(figure('hamming loss', report.hammingLoss))
  if (report.baseline)
    lines.push(
      figure(`baseline macro avg (${baselineGuess(report.baseline)})`, report.baseline.macroF1),
    )
  return lines.join('\n')
}

/** Share of a confusion-matrix cell within its gold row, for the heatmap's colour strength. */
export function rowShares(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((sum, n) => sum + n, 0)
    return row.map((n) => (total === 0 ? 0 : n / total))
  })
}
