import type { TestOn, TrainOn } from './train-form-values'

interface TrainDataChoicesProps {
  formId: string
  counts: { train: number; dev: number; test: number } | undefined
  trainOn: TrainOn
  onTrainOn: (value: TrainOn) => void
  testOn: TestOn
  onTestOn: (value: TestOn) => void
  exclusionSets: readonly { id: string; name: string; mode: string; patterns: unknown[] }[]
  exclusionIds: readonly string[]
  onExclusionIds: (ids: string[]) => void
}

/** What the train form learns from, what it evaluates on, and which exclusion sets apply. */
export function TrainDataChoices(props: TrainDataChoicesProps) {
  const { formId, counts, trainOn, testOn, exclusionSets, exclusionIds } = props
  return (
    <div className="md-form-grid">
      <fieldset className="md-fieldset">
        <legend>Train on</legend>
        {(
          [
            ['train', `train split${counts ? ` (${counts.train})` : ''}`],
            ['train+dev', `train + dev${counts ? ` (${counts.train + counts.dev})` : ''}`],
            ['all', 'all documents, no evaluation'],
          ] as const
        ).map(([value, text]) => (
          <label className="segmented-option" key={value}>
            <input
              type="radio"
              name={`${formId}-train`}
              checked={trainOn === value}
              onChange={() => props.onTrainOn(value)}
            />
            {text}
          </label>
        ))}
      </fieldset>
      <fieldset className="md-fieldset" disabled={trainOn === 'all'}>
        <legend>Test on</legend>
        {(
          [
            ['test', `test split${counts ? ` (${counts.test})` : ''}`],
            ['dev', `dev split${counts ? ` (${counts.dev})` : ''}`],
            ['none', 'no evaluation'],
          ] as const
        ).map(([value, text]) => (
          <label className="segmented-option" key={value}>
            <input
              type="radio"
              name={`${formId}-test`}
              checked={testOn === value}
              onChange={() => props.onTestOn(value)}
            />
            {text}
          </label>
        ))}
      </fieldset>
      <fieldset className="md-fieldset">
        <legend>Exclusion sets</legend>
        {exclusionSets.length === 0 ? (
          <p className="hint">None yet: create them on Rules → Exclusion sets.</p>
        ) : (
          exclusionSets.map((s) => (
            <label className="segmented-option" key={s.id}>
              <input
                type="checkbox"
                checked={exclusionIds.includes(s.id)}
                onChange={(e) =>
                  props.onExclusionIds(
                    e.target.checked
                      ? [...exclusionIds, s.id]
                      : exclusionIds.filter((id) => id !== s.id),
                  )
                }
              />
              {s.name} ({s.mode}, {s.patterns.length} patterns)
            </label>
          ))
        )}
      </fieldset>
    </div>
  )
}
