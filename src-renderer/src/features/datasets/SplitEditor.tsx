import { useState, type FormEvent } from 'react'
import type { DatasetDetail } from '@api/models'
import { selectDatasetsBusy } from '../../stores/datasets/selectors'
import { useDatasets, useStores } from '../../stores/hooks'
import { ratiosFromPercents } from './form-values'
import { Button } from '../../components/Button'

export function SplitEditor({ dataset }: { dataset: DatasetDetail }) {
  const { datasets } = useStores()
  const busy = useDatasets(selectDatasetsBusy)
  const [seed, setSeed] = useState(String(dataset.split?.seed ?? 42))
  const [train, setTrain] = useState(String(Math.round((dataset.split?.ratios.train ?? 0.8) * 100)))
  const [dev, setDev] = useState(String(Math.round((dataset.split?.ratios.dev ?? 0.1) * 100)))
  const [test, setTest] = useState(String(Math.round((dataset.split?.ratios.test ?? 0.1) * 100)))

  const parsed = ratiosFromPercents(Number(train), Number(dev), Number(test))
  const seedNumber = Number(seed)
  const seedOk = Number.isInteger(seedNumber) && seedNumber >= 0 && seedNumber < 2 ** 31

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (parsed.ratios === undefined || !seedOk) return
    void datasets.getState().split(dataset.id, { seed: seedNumber, ratios: { ...parsed.ratios } })
  }

  const counts = dataset.splitCounts
  return (
    <section className="panel-section" aria-label="Splits">
      <h3>Train / dev / test split</h3>
      <p className="hint">
        Stratified by label set and deterministic for a seed. A document keeps its split until you
        split again.
      </p>
      <form className="inline-form" onSubmit={submit}>
        <label className="inline-field">
          <span>Seed</span>
          <input
            className="input input-number"
            type="number"
            min={0}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
          />
        </label>
        <label className="inline-field">
          <span>Train %</span>
          <input
            className="input input-number"
            type="number"
            min={0}
            max={100}
            value={train}
            onChange={(e) => setTrain(e.target.value)}
          />
        </label>
        <label className="inline-field">
          <span>Dev %</span>
          <input
            className="input input-number"
            type="number"
            min={0}
            max={100}
            value={dev}
            onChange={(e) => setDev(e.target.value)}
          />
        </label>
        <label className="inline-field">
          <span>Test %</span>
          <input
            className="input input-number"
            type="number"
            min={0}
            max={100}
            value={test}
            onChange={(e) => setTest(e.target.value)}
          />
        </label>
        <Button type="submit" disabled={busy || parsed.ratios === undefined || !seedOk}>
          {dataset.split ? 'Split again' : 'Split'}
        </Button>
      </form>
      {parsed.error ? <p className="field-error">{parsed.error}</p> : null}
      <dl className="split-counts" aria-label="Documents per split">
        <div>
          <dt>Train</dt>
          <dd>{counts.train}</dd>
        </div>
        <div>
          <dt>Dev</dt>
          <dd>{counts.dev}</dd>
        </div>
        <div>
          <dt>Test</dt>
          <dd>{counts.test}</dd>
        </div>
        <div>
          <dt>No split</dt>
          <dd>{counts.none}</dd>
        </div>
      </dl>
    </section>
  )
}
