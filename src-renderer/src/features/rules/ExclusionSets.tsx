import { useId } from 'react'
import type { ExclusionMode } from '@api/contract/preprocessing'
import type { Choice } from '../../components/Select'
import { RadioGroup } from '../../components/RadioGroup'
import { useStores, usePick } from '../../stores/hooks'
import { DeleteButton } from '../../components/DeleteButton'
import { TableHead } from '../../components/TableHead'
import { Button } from '../../components/Button'
import { SetList } from './SetList'
import { Checkbox } from '../../components/Checkbox'
import { useExclusionGuard } from './unsaved-guards'
import { LabeledText } from '../../components/LabeledText'

const MODES: readonly Choice<ExclusionMode>[] = [
  { value: 'drop', label: 'Drop the document' },
  { value: 'strip', label: 'Strip the matched text' },
]

/** Named sets of regexes that drop documents or strip text before a model sees them. */
export function ExclusionSets() {
  const { rules } = useStores()
  const {
    exclusionSets: sets,
    exclusionId: selectedId,
    exclusionDraft: draft,
    exclusionError: error,
    exclusionTest: test,
    exclusionTesting: testing,
    busy,
  } = usePick('rules', [
    'exclusionSets',
    'exclusionId',
    'exclusionDraft',
    'exclusionError',
    'exclusionTest',
    'exclusionTesting',
    'busy',
  ])
  const listId = useId()
  const editorId = useId()
  const selected = sets.find((s) => s.id === selectedId)
  const unsaved = useExclusionGuard()

  return (
    <div className="rl-columns">
      <aside className="panel" aria-labelledby={listId}>
        {unsaved.dialog}
        <h2 id={listId}>Exclusion sets</h2>
        <Button small onClick={() => unsaved.guard(() => rules.getState().openExclusion(null))}>
          New exclusion set
        </Button>
        <SetList
          sets={sets}
          selectedId={selectedId}
          empty="No exclusion set yet."
          detail={(s) => `${s.mode} · v${s.version}`}
          onOpen={(id) => unsaved.guard(() => rules.getState().openExclusion(id))}
        />
      </aside>
      <div className="rl-layout">
        <section className="panel" aria-labelledby={editorId}>
          <h2 id={editorId}>
            {selected
              ? `Edit “${selected.name}” (version ${selected.version})`
              : 'New exclusion set'}
          </h2>
          <form
            className="md-form"
            onSubmit={(e) => {
              e.preventDefault()
              void rules.getState().saveExclusion()
            }}
          >
            <div className="md-form-grid">
              <LabeledText
                label="Name"
                value={draft.name}
                maxLength={100}
                onChange={(name) => rules.getState().updateExclusionDraft({ name })}
              />
              <RadioGroup
                look="list"
                legend="What a match does"
                name={`${editorId}-mode`}
                value={draft.mode}
                onChange={(mode) => rules.getState().updateExclusionDraft({ mode })}
                choices={MODES}
              />
              <Checkbox
                label="Case sensitive"
                checked={draft.caseSensitive}
                onChange={(checked) =>
                  rules.getState().updateExclusionDraft({ caseSensitive: checked })
                }
              />
            </div>
            <label className="field">
              <span>Patterns (regular expressions, one per line)</span>
              <textarea
                className="rl-textarea"
                value={draft.patternsText}
                spellCheck={false}
                aria-invalid={error ? true : undefined}
                onChange={(e) =>
                  rules.getState().updateExclusionDraft({ patternsText: e.target.value })
                }
              />
            </label>
            {error ? (
              <p className="md-alert" role="alert">
                {error}
              </p>
            ) : null}
            <div className="button-row">
              <Button type="submit" variant="primary" disabled={busy}>
                Save exclusion set
              </Button>
              <Button disabled={testing} onClick={() => void rules.getState().testExclusion()}>
                Test on dataset
              </Button>
              {selected ? (
                <DeleteButton
                  name={selected.name}
                  noun="exclusion set"
                  busy={busy}
                  onDelete={() => rules.getState().removeExclusion(selected.id)}
                >
                  <p>Model versions trained with it keep their own copy.</p>
                </DeleteButton>
              ) : null}
            </div>
          </form>
        </section>
        {test ? (
          <section className="panel" aria-label="Test result">
            <p role="status">
              Of {test.documents} documents, {test.dropped} would be dropped and {test.changed}{' '}
              changed.
            </p>
            {test.examples.length > 0 ? (
              <table className="md-table">
                <caption className="visually-hidden">Examples</caption>
                <TableHead columns={['Document', 'Before', 'After', 'Matched by']} />
                <tbody>
                  {test.examples.map((ex) => (
                    <tr key={ex.documentId}>
                      <td>{ex.documentId}</td>
                      <td className="md-text">{ex.before}</td>
                      <td className="md-text">{ex.after ?? <em>dropped</em>}</td>
                      <td className="mono">{ex.matchedBy}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </section>
        ) : null}
      </div>
    </div>
  )
}
