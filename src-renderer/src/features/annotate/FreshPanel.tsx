import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import { useStores, useSuggest } from '../../stores/hooks'
import {
  selectCurve,
  selectFresh,
  selectFreshEvery,
  selectRetraining,
  selectSinceRetrain,
} from '../../stores/suggest/selectors'
import { Button } from '../../components/Button'
import { countOf } from '../../lib/plural'
import { useKeepFresh } from './use-keep-fresh'

const score = (x: number | null) => (x === null ? '–' : x.toFixed(2))

/**
 * Keep the model fresh: retrain in the background after every N label changes, and the learning
 * curve of those retrains (macro-F1 by labels learned from).
 */
export function FreshPanel() {
  const { suggest } = useStores()
  const on = useSuggest(selectFresh)
  const every = useSuggest(selectFreshEvery)
  const since = useSuggest(selectSinceRetrain)
  const retraining = useSuggest(selectRetraining)
  const curve = useSuggest(selectCurve)
  useKeepFresh()
  const last = curve.at(-1)
  const status = retraining
    ? 'Retraining in the background…'
    : on
      ? `Retrains after ${countOf(every - since, 'more label change')}.`
      : null

  return (
    <section className="fresh-panel" aria-label="Keep the model fresh">
      <label className="inline-field">
        <input
          type="checkbox"
          aria-label="Keep the model fresh"
          checked={on}
          onChange={(e) => suggest.getState().setFresh({ on: e.target.checked })}
        />
        <span>Keep the model fresh, every</span>
        <input
          className="input fresh-every"
          type="number"
          aria-label="Label changes between retrains"
          min={1}
          max={10000}
          value={every}
          onChange={(e) => {
            const n = Math.round(Number(e.target.value))
            if (n >= 1 && n <= 10000) suggest.getState().setFresh({ every: n })
          }}
        />
        <span>labels</span>
      </label>
      <p className="hint" role="status" aria-live="polite">
        {status}
        {last
          ? ` Last: ${countOf(last.labels, 'label')}, ${last.metric === 'cv' ? 'CV' : 'test'} macro-F1 ${score(last.macroF1)}.`
          : ''}
      </p>
      <Button small disabled={retraining} onClick={() => void suggest.getState().retrain()}>
        Retrain now
      </Button>
      {curve.length > 0 ? (
        <figure className="learning-curve">
          <div aria-hidden="true">
            <LineChart
              width={280}
              height={120}
              data={curve}
              margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
            >
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
              <XAxis dataKey="labels" tick={{ fontSize: 11, fill: 'var(--text-muted)' }} />
              <YAxis
                domain={[0, 1]}
                width={32}
                tick={{ fontSize: 11, fill: 'var(--text-muted)' }}
              />
              <Tooltip />
              <Line dataKey="macroF1" stroke="var(--accent)" isAnimationActive={false} dot />
            </LineChart>
          </div>
          <figcaption className="hint">
            Learning curve, macro-F1 by labels:{' '}
            {curve.map((p) => `${p.labels} → ${score(p.macroF1)}`).join(', ')}
          </figcaption>
        </figure>
      ) : null}
    </section>
  )
}
