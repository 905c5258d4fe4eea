import { useId, useState, type FormEvent } from 'react'
import { useStores, usePick } from '../../stores/hooks'
import { Button } from '../../components/Button'
import { SetList } from './SetList'
import { LabeledSelect } from '../../components/Select'
import { useRuleSetGuard } from './unsaved-guards'
import { LabeledText } from '../../components/LabeledText'

/** The saved rule sets, and an import form for rule files (one per label). */
export function RuleSetList() {
  const { rules } = useStores()
  const { sets, selectedId, busy } = usePick('rules', ['sets', 'selectedId', 'busy'])
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
      <SetList
        sets={sets}
        selectedId={selectedId}
        empty="No saved rule set yet."
        detail={(s) => `${s.kind} · ${s.ruleCount} rules`}
        onOpen={(id) => unsaved.guard(() => void rules.getState().openSet(id))}
      />
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
        <LabeledText label="Name of the imported set" value={name} onChange={setName} />
        <LabeledSelect
          label="Kind"
          value={kind}
          onChange={setKind}
          choices={[
            { value: 'keyword', label: 'keyword' },
            { value: 'regex', label: 'regex' },
          ]}
        />
        <Button type="submit" disabled={busy || files.length === 0}>
          Import {files.length > 0 ? `${files.length} files` : 'files'}
        </Button>
      </form>
    </aside>
  )
}
