import type { DatasetSummary, LabelMode } from '@api/models'
import { Labeled, Select } from '../../components/Select'
import { RadioGroup } from '../../components/RadioGroup'
import { LABEL_MODE_CHOICES } from './form-values'

export const NEW_DATASET = '__new__'

export interface ImportTarget {
  target: string
  newName: string
  labelMode: LabelMode
  duplicates: 'skip' | 'keep'
}

/** Where the documents go: a new dataset (name, label mode) or an existing one; duplicates. */
const DUPLICATE_MODES = [
  { value: 'skip', label: 'Skip' },
  { value: 'keep', label: 'Keep' },
] as const

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
                choices={LABEL_MODE_CHOICES}
              />
            </Labeled>
          </>
        ) : null}
      </div>
      <RadioGroup
        legend="Exact duplicates"
        name="duplicates"
        value={value.duplicates}
        choices={DUPLICATE_MODES}
        onChange={(duplicates) => onChange({ duplicates })}
      />
    </>
  )
}
