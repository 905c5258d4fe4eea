import { useState, type FormEvent } from 'react'
import type { DatasetDetail } from '@api/dto'
import { selectDatasetsBusy } from '../../stores/datasets/selectors'
import { useDatasets, useStores } from '../../stores/hooks'
import { ratiosFromPercents } from './form-values'
import { Button } from '../../components/Button'
import { LabeledText } from '../../components/LabeledText'

const SPLITS = ['train', 'dev', 'test'] as const
type Split = (typeof SPLITS)[number]
const SPLIT_NAMES: Record<Split, string> = { train: 'Train', dev: 'Dev', test: 'Test' }
const DEFAULT_RATIOS: Record<Split, number> = { train: 0.8, dev: 0.1, test: 0.1 }

/** The split's percentages as the text of the form's fields (80/10/10 for an unsplit dataset). */
const startPercents = (dataset: DatasetDetail): Record<Split, string> => {
  const ratios = dataset.split?.ratios ?? DEFAULT_RATIOS
  const percent = (split: Split) => String(Math.round(ratios[split] * 100))
  return { train: percent('train'), dev: percent('dev'), test: percent('test') }
}

export function SplitEditor({ dataset }: { dataset: DatasetDetail }) {
  const { datasets } = useStores()
  const busy = useDatasets(selectDatasetsBusy)
  const [seed, setSeed] = useState(String(dataset.split?.seed ?? 42))
  const [percents, setPercents] = useState(() => startPercents(dataset))

  const parsed = ratiosFromPercents(
    Number(percents.train),
    Number(percents.dev),
    Number(percents.test),
  )
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
        <LabeledText label="Seed" inline type="number" min={0} value={seed} onChange={setSeed} />
        {SPLITS.map((split) => (
          <LabeledText
            key={split}
            label={`${SPLIT_NAMES[split]} %`}
            inline
            type="number"
            min={0}
            max={100}
            value={percents[split]}
            onChange={(value) => setPercents((p) => ({ ...p, [split]: value }))}
          />
        ))}
        <Button type="submit" disabled={busy || parsed.ratios === undefined || !seedOk}>
          {dataset.split ? 'Split again' : 'Split'}
        </Button>
      </form>
      {parsed.error ? <p className="field-error">{parsed.error}</p> : null}
      <dl className="split-counts" aria-label="Documents per split">
        {SPLITS.map((split) => (
          <div key={split}>
            <dt>{SPLIT_NAMES[split]}</dt>
            <dd>{counts[split]}</dd>
          </div>
        ))}
        <div>
          <dt>No split</dt>
          <dd>{counts.none}</dd>
        </div>
      </dl>
    </section>
  )
}
