import { useId, useState, type FormEvent } from 'react'
import type { ModelField } from '@api/contract/models'
import { saveBlob } from '../../api/download'
import { useRules, useStores } from '../../stores/hooks'
import {
  selectDirty,
  selectDraft,
  selectRuleSets,
  selectRulesBusy,
  selectRulesTrainingTaskId,
  selectSelectedSetId,
} from '../../stores/rules/selectors'
import { ConfirmDelete } from '../../components/Dialog'
import { FIELD_OPTIONS } from '../models/model-params'
import { TaskProgress } from '../../components/TaskProgress'
import { useRuleSetGuard } from './unsaved-guards'
import { RuleTable } from './RuleTable'
import { WorkbenchPanel } from './WorkbenchPanel'
import { Button } from '../../components/Button'

/** The saved rule sets, and an import form for rule files (one per label). */
function RuleSetList() {
  const { rules } = useStores()
  const sets = useRules(selectRuleSets)
  const selectedId = useRules(selectSelectedSetId)
  const busy = useRules(selectRulesBusy)
  const titleId = useId()
  const [name, setName] = useState('')
  const [kind, setKind] = useState<'keyword' | 'regex'>('keyword')
  const [files, setFiles] = useState<File[]>([])
  const [fileKey, setFileKey] = useState(0)
  const unsaved = useRuleSetGuard()

  const importFiles = async (event: FormEvent) => {
    event.preventDefault()
    if (files.length === 0) return
    const contents = await Promise.all(
      files.map(async (f) => ({ fileName: f.name, content: await f.text() })),
    )
    const imported = await rules.getState().importFiles({
      name: name.trim() || `Imported rules ${new Date().toLocaleString()}`,
      kind,
      files: contents,
    })
    if (imported) {
      setFiles([])
      setName('')
      setFileKey(fileKey + 1)
    }
  }

  return (
    <aside className="panel" aria-labelledby={titleId}>
      {unsaved.dialog}
      <h2 id={titleId}>Rule sets</h2>
      <div className="button-row">
        <Button small onClick={() => unsaved.guard(() => rules.getState().newSet('keyword'))}>
          New keyword set
        </Button>
        <Button small onClick={() => unsaved.guard(() => rules.getState().newSet('regex'))}>
          New regex set
        </Button>
      </div>
      {sets.length === 0 ? <p className="hint">No saved rule set yet.</p> : null}
      <ul className="rl-set-list">
        {sets.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              aria-current={s.id === selectedId}
              onClick={() => unsaved.guard(() => void rules.getState().openSet(s.id))}
            >
              {s.name}
              <span className="hint">
                {' '}
                · {s.kind} · {s.ruleCount} rules
              </span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="md-form"
        onSubmit={(e) => void importFiles(e)}
        aria-label="Import rule files"
      >
        <h3>Import rule files</h3>
        <p className="hint">
          One file per label (the file name is the label), lines `keyword⇥match`.
        </p>
        <label className="field">
          <span>Rule files</span>
          <input
            key={fileKey}
            type="file"
            multiple
            accept=".txt,.tsv,text/plain"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </label>
        <label className="field">
          <span>Name of the imported set</span>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Kind</span>
          <select
            className="input"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'keyword' | 'regex')}
          >
            <option value="keyword">keyword</option>
            <option value="regex">regex</option>
          </select>
        </label>
        <Button type="submit" disabled={busy || files.length === 0}>
          Import {files.length > 0 ? `${files.length} files` : 'files'}
        </Button>
      </form>
    </aside>
  )
}

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
  const taskId = useRules(selectRulesTrainingTaskId)
  const busy = useRules(selectRulesBusy)
  const draft = useRules(selectDraft)
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
  const draft = useRules(selectDraft)
  const dirty = useRules(selectDirty)
  const selectedId = useRules(selectSelectedSetId)
  const busy = useRules(selectRulesBusy)
  const titleId = useId()
  const [confirmDelete, setConfirmDelete] = useState(false)

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
                <Button variant="danger" onClick={() => setConfirmDelete(true)}>
                  Delete rule set
                </Button>
              ) : null}
            </div>
          </div>
          <div className="md-form-grid">
            <label className="field">
              <span>Name</span>
              <input
                className="input"
                value={draft.name}
                maxLength={120}
                onChange={(e) => rules.getState().updateDraft({ name: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Field</span>
              <select
                className="input"
                value={draft.field}
                onChange={(e) =>
                  rules.getState().updateDraft({ field: e.target.value as ModelField })
                }
              >
                {FIELD_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="segmented-option">
              <input
                type="checkbox"
                checked={draft.caseSensitive}
                onChange={(e) => rules.getState().updateDraft({ caseSensitive: e.target.checked })}
              />
              Case sensitive
            </label>
            <span className="hint">Kind: {draft.kind}</span>
          </div>
        </section>
        <RuleTable />
        <WorkbenchPanel />
        <ExportSection />
        <SaveAsModel />
      </div>
      {confirmDelete && selectedId ? (
        <ConfirmDelete
          name={draft.name}
          noun="rule set"
          busy={busy}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            void rules
              .getState()
              .removeSet(selectedId)
              .then(() => setConfirmDelete(false))
          }}
        >
          <p>Model versions built from it keep their own copy of the rules.</p>
        </ConfirmDelete>
      ) : null}
    </div>
  )
}
