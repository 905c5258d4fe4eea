import type { DatasetSummary, LabelMode } from '@api/models'
import { Labeled, Select } from '../../components/Select'

export const NEW_DATASET = '__new__'

export interface ImportTarget {
  target: string
  newName: string
  labelMode: LabelMode
  duplicates: 'skip' | 'keep'
}

/** Where the documents go: a new dataset (name, label mode) or an existing one; duplicates. */
export function ImportTargetFields({
  datasets,
  value,
  onChange,
}: {
  datasets: DatasetSummary[]
  value: ImportTarget
  onChange: (next: Partial<ImportTarget>) => void
}) {
  return (
    <>
      <div className="inline-form">
        <Labeled label="Import into" inline>
          <Select
            value={value.target}
            onChange={(value) => onChange({ target: value })}
            choices={[
              { value: NEW_DATASET, label: 'A new dataset' },
              ...datasets.map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
        </Labeled>
        {value.target === NEW_DATASET ? (
          <>
            <label className="inline-field">
              <span>Dataset name</span>
              <input
                className="input"
                value={value.newName}
                onChange={(e) => onChange({ newName: e.target.value })}
              />
            </label>
            <Labeled label="Labels per document" inline>
              <Select
                value={value.labelMode}
                onChange={(value) => onChange({ labelMode: value })}
                choices={[
                  { value: 'multi', label: 'Several (multi-label)' },
                  { value: 'single', label: 'One (single-label)' },
                ]}
              />
            </Labeled>
          </>
        ) : null}
      </div>
      <fieldset className="segmented">
        <legend>Exact duplicates</legend>
        {(['skip', 'keep'] as const).map((mode) => (
          <label key={mode} className="segmented-option">
            <input
              type="radio"
              name="duplicates"
              checked={value.duplicates === mode}
              onChange={() => onChange({ duplicates: mode })}
            />
            {mode === 'skip' ? 'Skip' : 'Keep'}
          </label>
        ))}
      </fieldset>
    </>
  )
}
