import { useId, useMemo, useState } from 'react'
import { useStores, usePick } from '../../stores/hooks'
import { formatDelta, formatPercent, joinLabels } from '../../lib/format'
import { openInAnnotate } from './open-in-annotate'
import { formatScore } from './report'
import { numeric, TableHead } from '../../components/TableHead'
import { Button } from '../../components/Button'
import { Select } from '../../components/Select'
import { versionChoices, versionLabel, versionNumbers, versionTitle } from '../../lib/model-labels'

const METRIC_NAMES = {
  accuracy: 'Accuracy',
  macroF1: 'Macro-F1',
  microF1: 'Micro-F1',
  weightedF1: 'Weighted-F1',
} as const

/** Two versions side by side: headline metrics, per-label F1, and documents that change label. */
export function ComparePanel() {
  const stores = useStores()
  const { models } = stores
  const { versions, view, comparison, comparing } = usePick('models', [
    'versions',
    'view',
    'comparison',
    'comparing',
  ])
  const titleId = useId()
  // Both versions are compared on a's test split.
  const datasetId = comparison?.a.datasetId ?? null
  const initial = view.kind === 'compare' ? view : { a: null, b: null }
  const [a, setA] = useState(initial.a ?? versions[1]?.id ?? '')
  const [b, setB] = useState(initial.b ?? versions[0]?.id ?? '')
  // Same-named versions are told apart by their number ("demo-svm v3"), the id in a tooltip.
  const numbers = useMemo(() => versionNumbers(versions), [versions])
  const choices = useMemo(() => versionChoices(versions), [versions])

  return (
    <section className="md-compare" aria-labelledby={titleId}>
      <div className="md-version-head">
        <Button small onClick={() => models.getState().show({ kind: 'list' })}>
          ← All versions
        </Button>
        <h2 id={titleId}>Compare versions</h2>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (a && b) void models.getState().compare(a, b)
        }}
      >
        {(
          [
            ['Version A', a, setA],
            ['Version B', b, setB],
          ] as const
        ).map(([label, value, setValue]) => (
          <label className="inline-field" key={label}>
            <span>{label}</span>
            <Select
              value={value}
              onChange={setValue}
              placeholder="Choose…"
              title={value ? versionTitle({ id: value }) : undefined}
              choices={choices}
            />
          </label>
        ))}
        <Button type="submit" variant="primary" disabled={!a || !b || a === b || comparing}>
          Compare
        </Button>
      </form>
      {comparing ? <p className="hint">Comparing…</p> : null}
      {comparison ? (
        <>
          <section className="panel" aria-label="Headline metrics">
            <table className="md-table">
              <caption className="visually-hidden">Headline metrics</caption>
              <TableHead
                columns={[
                  'Metric',
                  numeric(`A: ${versionLabel(comparison.a, numbers)}`),
                  numeric(`B: ${versionLabel(comparison.b, numbers)}`),
                  numeric('B − A'),
                ]}
              />
              <tbody>
                {comparison.headline.map((h) => (
                  <tr key={h.metric}>
                    <th scope="row">{METRIC_NAMES[h.metric]}</th>
                    <td className="md-num">{formatPercent(h.a)}</td>
                    <td className="md-num">{formatPercent(h.b)}</td>
                    <td className={`md-num ${h.b - h.a >= 0 ? 'md-up' : 'md-down'}`}>
                      {formatDelta(h.b - h.a)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel" aria-label="Per-label F1">
            <table className="md-table">
              <caption className="visually-hidden">Per-label F1</caption>
              <TableHead columns={['Label', numeric('F1 A'), numeric('F1 B'), numeric('Δ F1')]} />
              <tbody>
                {comparison.perLabel.map((l) => (
                  <tr key={l.label}>
                    <th scope="row">{l.label}</th>
                    <td className="md-num">{l.a ? formatScore(l.a.f1) : '—'}</td>
                    <td className="md-num">{l.b ? formatScore(l.b.f1) : '—'}</td>
                    <td className={`md-num ${l.f1Delta >= 0 ? 'md-up' : 'md-down'}`}>
                      {formatDelta(l.f1Delta)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel" aria-label="Changed documents">
            <h3>
              {comparison.changedCount} of {comparison.comparedRows} documents change label
            </h3>
            <div className="md-table-wrap">
              <table className="md-table md-rows">
                <caption className="visually-hidden">Changed documents</caption>
                <TableHead columns={['Document', 'Text', 'Gold', 'A predicts', 'B predicts']} />
                <tbody>
                  {comparison.changed.map((c) => (
                    <tr key={c.documentId}>
                      <td>
                        {datasetId ? (
                          <button
                            type="button"
                            className="md-link"
                            aria-label={`Open document ${c.documentId} in Annotate`}
                            onClick={() => openInAnnotate(stores, datasetId, c.documentId)}
                          >
                            {c.documentId}
                          </button>
                        ) : (
                          c.documentId
                        )}
                      </td>
                      <td className="md-text">{c.text}</td>
                      <td>{joinLabels(c.gold)}</td>
                      <td>{joinLabels(c.a)}</td>
                      <td>{joinLabels(c.b)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {comparison.changed.length < comparison.changedCount ? (
              <p className="hint">Showing the first {comparison.changed.length}.</p>
            ) : null}
          </section>
        </>
      ) : null}
    </section>
  )
}
