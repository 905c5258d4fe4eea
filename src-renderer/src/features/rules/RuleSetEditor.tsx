import { useId, useState } from 'react'
import { LabeledSelect } from '../../components/Select'
import { saveBlob } from '../../api/download'
import { useRules, useStores, usePick } from '../../stores/hooks'
import { selectDirty, selectSelectedSetId } from '../../stores/rules/selectors'
import { DeleteButton } from '../../components/DeleteButton'
import { FIELD_OPTIONS } from '../models/model-params'
import { TaskProgress } from '../../components/TaskProgress'
import { RuleTable } from './RuleTable'
import { WorkbenchPanel } from './WorkbenchPanel'
import { Button } from '../../components/Button'
import { RuleSetList } from './RuleSetList'
import { Checkbox } from '../../components/Checkbox'
import { LabeledText } from '../../components/LabeledText'

/** Export as rule files: each downloadable, or all shown together. */
function ExportSection() {
  const { rules } = useStores()
  const selectedId = useRules(selectSelectedSetId)
  const dirty = useRules(selectDirty)
  const [files, setFiles] = useState<{ fileName: string; content: string }[] | null>(null)
  if (!selectedId) return null
  const load = async () => setFiles(await rules.getState().exportFiles())
  return (
    <section className="panel" aria-label="Export rule files">
      <div className="button-row">
        <Button small onClick={() => void load()}>
          Export rule files
        </Button>
        {dirty ? <span className="hint">Exports the saved version: save first.</span> : null}
      </div>
      {files ? (
        <>
          <div className="button-row">
            {files.map((f) => (
              <Button
                key={f.fileName}
                small
                onClick={() => saveBlob(new Blob([f.content], { type: 'text/plain' }), f.fileName)}
              >
                Download {f.fileName}
              </Button>
            ))}
          </div>
          <details>
            <summary>Combined view</summary>
            <pre className="rl-pre">
              {files.map((f) => `# ${f.fileName}\n${f.content}`).join('\n')}
            </pre>
          </details>
        </>
      ) : null}
    </section>
  )
}

/** Save the set as a model version (keyword/regex model evaluated on the workbench dataset). */
function SaveAsModel() {
  const { rules, models, ui } = useStores()
  const {
    trainingTaskId: taskId,
    busy,
    draft,
  } = usePick('rules', ['trainingTaskId', 'busy', 'draft'])
  const [name, setName] = useState('')
  const [modelId, setModelId] = useState<string | null>(null)
  return (
    <section className="panel" aria-label="Save as model version">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          setModelId(null)
          void rules.getState().saveAsModel(name)
        }}
      >
        <label className="inline-field">
          <span>Model name</span>
          <input
            className="input"
            value={name}
            placeholder={draft.name || 'rules model'}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <Button type="submit" variant="primary" disabled={busy}>
          Save as model version
        </Button>
      </form>
      {taskId ? (
        <TaskProgress
          key={taskId}
          taskId={taskId}
          label="Building model"
          onSuccess={(stats) => {
            if (typeof stats.modelId === 'string') setModelId(stats.modelId)
          }}
        >
          {modelId ? (
            <Button
              small
              onClick={() => {
                void models.getState().openVersion(modelId)
                ui.getState().navigate('models')
              }}
            >
              Open its report in Models
            </Button>
          ) : null}
        </TaskProgress>
      ) : null}
    </section>
  )
}

/** The rule-set tab: list, settings, table editor with live stats, workbench, export, save. */
export function RuleSetEditor() {
  const { rules } = useStores()
  const { draft, dirty, selectedId, busy } = usePick('rules', [
    'draft',
    'dirty',
    'selectedId',
    'busy',
  ])
  const titleId = useId()

  return (
    <div className="rl-columns">
      <RuleSetList />
      <div className="rl-layout">
        <section className="panel" aria-labelledby={titleId}>
          <div className="panel-header">
            <h2 id={titleId}>
              {selectedId ? draft.name || 'Rule set' : `New ${draft.kind} set`}
              {dirty ? ' (unsaved)' : ''}
            </h2>
            <div className="button-row">
              <Button
                variant="primary"
                disabled={busy}
                onClick={() => void rules.getState().save()}
              >
                Save rule set
              </Button>
              {selectedId ? (
                <DeleteButton
                  name={draft.name}
                  noun="rule set"
                  busy={busy}
                  onDelete={() => rules.getState().removeSet(selectedId)}
                >
                  <p>Model versions built from it keep their own copy of the rules.</p>
                </DeleteButton>
              ) : null}
            </div>
          </div>
          <div className="md-form-grid">
            <LabeledText
              label="Name"
              value={draft.name}
              maxLength={120}
              onChange={(name) => rules.getState().updateDraft({ name })}
            />
            <LabeledSelect
              label="Field"
              value={draft.field}
              onChange={(field) => rules.getState().updateDraft({ field })}
              choices={FIELD_OPTIONS}
            />
            <Checkbox
              label="Case sensitive"
              checked={draft.caseSensitive}
              onChange={(checked) => rules.getState().updateDraft({ caseSensitive: checked })}
            />
            <span className="hint">Kind: {draft.kind}</span>
          </div>
        </section>
        <RuleTable />
        <WorkbenchPanel />
        <ExportSection />
        <SaveAsModel />
      </div>
    </div>
  )
}
