import { useId, useMemo } from 'react'
import { formatBytes, formatPercent, formatTimestamp } from '../../lib/format'
import { useStores, usePick } from '../../stores/hooks'
import { ConfusionMatrix } from './ConfusionMatrix'
import { EvaluateForm } from './EvaluateForm'
import { EvaluationRows } from './EvaluationRows'
import { MetricBars } from './MetricBars'
import { modelTypeLabel } from './model-params'
import { BaselineBadge } from './BaselineBadge'
import { baselineWarning } from './report'
import { ReportTable } from './ReportTable'
import { DecisionRule } from './DecisionRule'
import { SelectionTable } from './SelectionTable'
import { SkippedCandidates } from './SkippedCandidates'
import { TermTablePanel } from './TermTablePanel'
import { ThresholdPanel } from './ThresholdPanel'
import { Button } from '../../components/Button'
import { versionLabel, versionNumbers, versionTitle } from '../../lib/model-labels'

/** One version: what it is, its report for the chosen evaluation, details, thresholds. */
export function VersionPage() {
  const { models } = useStores()
  const {
    detail,
    evaluations,
    evaluationId,
    evaluation,
    rowFilter: filter,
    versions,
  } = usePick('models', [
    'detail',
    'evaluations',
    'evaluationId',
    'evaluation',
    'rowFilter',
    'versions',
  ])
  const titleId = useId()
  const numbers = useMemo(() => versionNumbers(versions), [versions])

  if (!detail) return <p className="hint">Loading the version…</p>
  const report = evaluation?.report ?? null
  const warning = baselineWarning(detail)

  return (
    <article className="md-version" aria-labelledby={titleId}>
      <div className="md-version-head">
        <Button small onClick={() => models.getState().show({ kind: 'list' })}>
          ← All versions
        </Button>
        <h2 id={titleId} title={versionTitle(detail)}>
          {versionLabel(detail, numbers)}
        </h2>
      </div>
      <dl className="facts md-facts">
        <dt>Type</dt>
        <dd>{modelTypeLabel(detail.kind)}</dd>
        <dt>Dataset</dt>
        <dd>{detail.datasetName ?? '—'}</dd>
        <dt>Field</dt>
        <dd>{detail.field}</dd>
        <dt>Labels</dt>
        <dd>{detail.labels.join(', ')}</dd>
        <dt>Trained on</dt>
        <dd>{detail.trainSplits?.join(' + ') ?? '—'}</dd>
        <dt>Tested on</dt>
        <dd>{detail.testSplit ?? 'not evaluated'}</dd>
        <dt>{detail.report?.multiLabel ? 'Exact-match accuracy' : 'Accuracy'} / macro-F1</dt>
        <dd>
          {formatPercent(detail.accuracy)} / {formatPercent(detail.macroF1)}
          {warning ? <BaselineBadge warning={warning} /> : null}
        </dd>
        <dt>Exclusion sets</dt>
        <dd>
          {detail.exclusions.length === 0
            ? 'none'
            : detail.exclusions.map((e) => `${e.name} (v${e.version}, ${e.mode})`).join(', ')}
        </dd>
        <dt>Parameters</dt>
        <dd className="mono">{JSON.stringify(detail.params)}</dd>
        <dt>Data hash</dt>
        <dd className="mono" title={detail.dataHash ?? ''}>
          {detail.dataHash ? detail.dataHash.slice(0, 16) : '—'}
        </dd>
        <dt>Created</dt>
        <dd>
          {formatTimestamp(detail.createdAt)} · {formatBytes(detail.fileBytes)}
        </dd>
      </dl>

      {detail.decisionRule ? <DecisionRule rule={detail.decisionRule} /> : null}
      {detail.selection ? <SelectionTable selection={detail.selection} /> : null}
      {detail.selection ? <SkippedCandidates selection={detail.selection} /> : null}
      {detail.kind === 'term-weight' ? <TermTablePanel version={detail} /> : null}

      <div className="inline-form">
        <label className="inline-field">
          <span>Evaluation</span>
          <select
            className="input"
            value={evaluationId ?? ''}
            onChange={(e) => void models.getState().selectEvaluation(e.target.value)}
          >
            {evaluations.length === 0 ? <option value="">No evaluation yet</option> : null}
            {evaluations.map((e) => (
              <option key={e.id} value={e.id}>
                {e.split ?? e.sourceFile ?? 'all'} · {e.rows} rows · acc {formatPercent(e.accuracy)}{' '}
                · {formatTimestamp(e.createdAt)}
                {e.id === detail.evaluationId ? ' (at training)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>

      <EvaluateForm defaultDatasetId={detail.datasetId} />

      {report && evaluation ? (
        <>
          <ReportTable report={report} />
          <section className="panel" aria-label="Per-label scores chart">
            <MetricBars report={report} />
          </section>
          <ConfusionMatrix
            confusion={report.confusion}
            multiLabel={report.multiLabel}
            selected={filter.cell}
            onSelect={(cell) => void models.getState().setRowFilter({ cell })}
          />
          <EvaluationRows evaluation={evaluation} />
          <ThresholdPanel key={evaluation.id} version={detail} evaluationId={evaluation.id} />
        </>
      ) : evaluationId ? (
        <p className="hint">Loading the report…</p>
      ) : (
        <p className="hint">No report yet: evaluate this version on a labelled split.</p>
      )}
    </article>
  )
}
