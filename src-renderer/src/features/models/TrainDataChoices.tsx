import type { TestOn, TrainOn } from './train-form-values'
import { RadioGroup } from '../../components/RadioGroup'

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
      <RadioGroup
        look="list"
        legend="Train on"
        name={`${formId}-train`}
        value={trainOn}
        onChange={props.onTrainOn}
        choices={[
          { value: 'train', label: `train split${counts ? ` (${counts.train})` : ''}` },
          {
            value: 'train+dev',
            label: `train + dev${counts ? ` (${counts.train + counts.dev})` : ''}`,
          },
          { value: 'all', label: 'all documents, no evaluation' },
        ]}
      />
      <RadioGroup
        look="list"
        legend="Test on"
        name={`${formId}-test`}
        value={testOn}
        onChange={props.onTestOn}
        disabled={trainOn === 'all'}
        choices={[
          { value: 'test', label: `test split${counts ? ` (${counts.test})` : ''}` },
          { value: 'dev', label: `dev split${counts ? ` (${counts.dev})` : ''}` },
          { value: 'none', label: 'no evaluation' },
        ]}
      />
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
