import type { ImportReport } from '@api/dto'
import { ENCODING_NAMES } from '@api/contract/datasets'
import { FORMAT_NAMES } from './export-path'
import { ProblemList } from '../../components/ProblemList'

/** What an import did: counts, new labels, problems and the lines of skipped rows. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const problemKinds = Object.entries(report.problemCounts)
  return (
    <section className="import-report" aria-label="Import report" role="status">
      <p>
        Imported <strong>{report.imported}</strong> of {report.rowsRead} rows into "
        {report.datasetName}".
      </p>
      <dl className="facts">
        <dt>Format</dt>
        <dd>{FORMAT_NAMES[report.format]}</dd>
        <dt>Encoding</dt>
        <dd>{ENCODING_NAMES[report.encoding]}</dd>
        <dt>Duplicates skipped</dt>
        <dd>{report.duplicatesSkipped}</dd>
        <dt>Duplicates kept</dt>
        <dd>{report.duplicatesKept}</dd>
        <dt>New labels</dt>
        <dd>{report.labelsCreated.length > 0 ? report.labelsCreated.join(', ') : 'none'}</dd>
        <dt>Problems</dt>
        <dd>
          {problemKinds.length > 0
            ? problemKinds.map(([kind, n]) => `${kind}: ${n}`).join(', ')
            : 'none'}
        </dd>
        {report.skippedLines.length > 0 ? (
          <>
            <dt>Skipped lines</dt>
            <dd>{report.skippedLines.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <ProblemList label="Problems" problems={report.problems} />
    </section>
  )
}
