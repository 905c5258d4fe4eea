import { useEffect, useId, useMemo, useState } from 'react'
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ModelVersionDetail } from '@api/contract/models'
import { useApi, useModels, useStores } from '../../stores/hooks'
import { selectModelsBusy } from '../../stores/models/selectors'
import { formatScore } from './report'
import { thresholdCurve, type ScoredRow } from './threshold-curve'
import { Button } from '../../components/Button'
import { LabeledSelect, choicesOf } from '../../components/Select'

/** The threshold view reads at most this many rows of an evaluation. */
const MAX_ROWS = 20_000
const PAGE = 1000

interface ThresholdPanelProps {
  version: ModelVersionDetail
  evaluationId: string
}

/**
 * Precision and recall of one label against its decision threshold, from the evaluation's scores,
 * and the threshold saved into the version. Shown only for models whose rows carry scores.
 */
export function ThresholdPanel({ version, evaluationId }: ThresholdPanelProps) {
  const api = useApi()
  const { models } = useStores()
  const busy = useModels(selectModelsBusy)
  const titleId = useId()
  const [rows, setRows] = useState<{ id: string; rows: ScoredRow[] } | null>(null)
  const [label, setLabel] = useState(version.labels[0] ?? '')
  const [edits, setEdits] = useState<Record<string, string>>({})

  useEffect(() => {
    let stopped = false
    void (async () => {
      const collected: ScoredRow[] = []
      try {
        for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
          const page = await api.call('models.evaluationRows', {
            evaluationId,
            offset,
            limit: PAGE,
          })
          if (stopped) return
          for (const r of page.rows) collected.push({ gold: r.gold, scores: r.scores })
          if (offset + PAGE >= page.total) break
        }
      } catch {
        // Without rows there is no curve; the rest of the page still works.
      }
      if (!stopped) setRows({ id: evaluationId, rows: collected })
    })()
    return () => {
      stopped = true
    }
  }, [api, evaluationId])

  const loaded = rows?.id === evaluationId ? rows.rows : null
  const curve = useMemo(() => (loaded ? thresholdCurve(loaded, label) : []), [loaded, label])
  const hasScores = useMemo(
    () => loaded?.some((r) => Object.keys(r.scores).length > 0) ?? false,
    [loaded],
  )
  if (!loaded || !hasScores) return null

  const saved = version.thresholds[label]
  const value = edits[label] ?? (saved !== undefined ? String(saved) : '')
  const parsed = Number(value)
  const valid = value.trim() !== '' && Number.isFinite(parsed) && parsed >= 0

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>Decision threshold</h3>
      <div className="inline-form">
        <LabeledSelect
          label="Label"
          inline
          value={label}
          onChange={setLabel}
          choices={choicesOf(version.labels)}
        />
        <label className="inline-field">
          <span>Threshold for {label}</span>
          <input
            className="input md-narrow"
            type="number"
            min={0}
            step="any"
            value={value}
            placeholder="default"
            onChange={(e) => setEdits({ ...edits, [label]: e.target.value })}
          />
        </label>
        <Button
          small
          disabled={!valid || busy}
          onClick={() => void models.getState().setThreshold(label, parsed)}
        >
          Save threshold
        </Button>
        <span className="hint">Saved: {saved !== undefined ? saved : 'the model default'}</span>
      </div>
      {curve.length === 0 ? (
        <p className="hint">This model gives no scores for {label}.</p>
      ) : (
        <div
          className="md-chart"
          role="img"
          aria-label={`Precision and recall of ${label} against the threshold, from ${formatScore(curve[0]?.threshold ?? 0)} to ${formatScore(curve.at(-1)?.threshold ?? 0)}`}
          style={{ height: 220 }}
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={curve} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis
                dataKey="threshold"
                type="number"
                domain={['dataMin', 'dataMax']}
                stroke="var(--text-muted)"
                fontSize={11}
              />
              <YAxis domain={[0, 1]} stroke="var(--text-muted)" fontSize={11} />
              <Tooltip
                formatter={(v) => (typeof v === 'number' ? formatScore(v) : String(v))}
                contentStyle={{
                  background: 'var(--bg-raised)',
                  border: '1px solid var(--border)',
                  color: 'var(--text)',
                }}
              />
              <Legend />
              <Line
                dataKey="precision"
                name="Precision"
                stroke="var(--md-precision)"
                dot={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="recall"
                name="Recall"
                stroke="var(--md-recall)"
                dot={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="f1"
                name="F1"
                stroke="var(--md-f1)"
                dot={false}
                isAnimationActive={false}
              />
              {valid ? (
                <ReferenceLine x={parsed} stroke="var(--text-muted)" strokeDasharray="4 2" />
              ) : null}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  )
}
