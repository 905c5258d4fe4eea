import type { DatasetSummary, LabelMode } from '@api/dto'
import { LabeledText } from '../../components/LabeledText'
import { LabeledSelect } from '../../components/Select'
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
        <LabeledSelect
          label="Import into"
          inline
          value={value.target}
          onChange={(value) => onChange({ target: value })}
          choices={[
            { value: NEW_DATASET, label: 'A new dataset' },
            ...datasets.map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
        {value.target === NEW_DATASET ? (
          <>
            <LabeledText
              label="Dataset name"
              inline
              value={value.newName}
              onChange={(newName) => onChange({ newName })}
            />
            <LabeledSelect
              label="Labels per document"
              inline
              value={value.labelMode}
              onChange={(value) => onChange({ labelMode: value })}
              choices={LABEL_MODE_CHOICES}
            />
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
