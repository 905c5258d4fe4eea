import type {
  DatasetFormat,
  ImportProblem,
  ImportProblemKind,
  ImportReport,
  TextEncoding,
} from '../../api/contract/datasets'

const MAX_SAMPLES = 100
const MAX_SKIPPED_LINES = 10_000
/** Problems after which the row was not imported. */
export const SKIPPING_PROBLEMS: readonly ImportProblemKind[] = ['missing-text', 'malformed-row']

/** Collects counts and the first problems of an import. */
export function createImportReport(format: DatasetFormat, encoding: TextEncoding) {
  const report: ImportReport = {
    datasetId: '',
    datasetName: '',
    format,
    encoding,
    rowsRead: 0,
    imported: 0,
    duplicatesSkipped: 0,
    duplicatesKept: 0,
    labelsCreated: [],
    problemCounts: {},
    skippedLines: [],
    problems: [],
  }
  return {
    report,
    problem(p: ImportProblem): void {
      report.problemCounts[p.kind] = (report.problemCounts[p.kind] ?? 0) + 1
      if (report.problems.length < MAX_SAMPLES) report.problems.push(p)
      if (SKIPPING_PROBLEMS.includes(p.kind) && report.skippedLines.length < MAX_SKIPPED_LINES)
        report.skippedLines.push(p.line)
    },
  }
}

export type ImportReportBuilder = ReturnType<typeof createImportReport>
