import type { DatasetSummary, LabelMode } from '@api/models'

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
        <label className="inline-field">
          <span>Import into</span>
          <select
            className="input"
            value={value.target}
            onChange={(e) => onChange({ target: e.target.value })}
          >
            <option value={NEW_DATASET}>A new dataset</option>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
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
            <label className="inline-field">
              <span>Labels per document</span>
              <select
                className="input"
                value={value.labelMode}
                onChange={(e) => onChange({ labelMode: e.target.value as LabelMode })}
              >
                <option value="multi">Several (multi-label)</option>
                <option value="single">One (single-label)</option>
              </select>
            </label>
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
