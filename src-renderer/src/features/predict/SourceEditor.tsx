import { Field, PathField, TextField } from '../../components/Field'
import { type FormErrors, type SourceDraft, type SourceKind } from './task-draft'
import { DemoSourceButton } from './DemoSourceButton'
import { Button } from '../../components/Button'
import { Select } from '../../components/Select'
import { PreviewView, type PreviewState } from './SourcePreview'
import { ColumnMapping } from './ColumnMapping'
import { MariaDbPicker } from './ConnectionSchemaTable'
import { RadioGroup } from '../../components/RadioGroup'

interface SourceEditorProps {
  index: number
  draft: SourceDraft
  errors: FormErrors
  preview: PreviewState | undefined
  onChange: (draft: SourceDraft) => void
  onRemove: (() => void) | null
  onPreview: () => void
}

const KINDS: { value: SourceKind; label: string }[] = [
  { value: 'file', label: 'CSV or JSONL file' },
  { value: 'sqlite', label: 'SQLite file' },
  { value: 'mariadb', label: 'MariaDB table' },
]

/** The time range on the post-time column, [from, to). */
const DATE_FILTERS = [
  { field: 'from', label: 'From (inclusive)', hint: 'YYYY-MM-DD or YYYY-MM-DD HH:MM:SS' },
  { field: 'to', label: 'To (exclusive)', hint: 'Must be later than From.' },
] as const

export function SourceEditor(props: SourceEditorProps) {
  const { index, draft, errors, preview, onChange, onRemove, onPreview } = props
  const prefix = `sources.${index}`
  const err = (path: string) => errors[`${prefix}.${path}`]
  const set = (patch: Partial<SourceDraft>) => onChange({ ...draft, ...patch })
  const name = `Source ${index + 1}`

  return (
    <fieldset className="pc-subpanel">
      <legend>{name}</legend>
      <RadioGroup
        legend="Kind"
        name={`source-kind-${draft.key}`}
        value={draft.kind}
        choices={KINDS}
        onChange={(value) => set({ kind: value, table: '', schema: '' })}
      />
      <div className="pc-form-grid">
        {draft.kind === 'mariadb' ? (
          <MariaDbPicker draft={draft} errors={errors} prefix={prefix} onChange={onChange} />
        ) : (
          <>
            <PathField
              label="File path"
              browse={draft.kind === 'sqlite' ? 'sqlite-file' : 'predict-source'}
              error={err('path')}
              hint="An absolute path on the machine running the app."
              value={draft.path}
              onChange={(path) => set({ path })}
            />
            {draft.kind === 'file' ? (
              <Field label="Format">
                {(p) => (
                  <Select
                    {...p}
                    value={draft.format}
                    onChange={(value) => set({ format: value === 'jsonl' ? 'jsonl' : 'csv' })}
                    choices={[
                      { value: 'csv', label: 'CSV (header row)' },
                      { value: 'jsonl', label: 'JSON lines' },
                    ]}
                  />
                )}
              </Field>
            ) : (
              <TextField
                label="Table"
                error={err('table')}
                mono
                value={draft.table}
                onChange={(value) => set({ table: value })}
                spellCheck={false}
              />
            )}
          </>
        )}
      </div>
      {draft.kind === 'file' ? <DemoSourceButton draft={draft} onChange={onChange} /> : null}
      <ColumnMapping draft={draft} errors={errors} prefix={prefix} onChange={onChange} />
      <div className="pc-form-grid">
        {DATE_FILTERS.map((f) => (
          <TextField
            key={f.field}
            label={f.label}
            error={err(f.field)}
            hint={f.hint}
            mono
            value={draft[f.field]}
            onChange={(value) => set({ [f.field]: value })}
            placeholder="YYYY-MM-DD"
          />
        ))}
        <TextField
          label="Only source ids"
          className="pc-field-wide"
          hint="Optional: ids separated by commas or spaces."
          mono
          value={draft.sourceIds}
          onChange={(value) => set({ sourceIds: value })}
          spellCheck={false}
        />
      </div>
      <div className="button-row">
        <Button
          aria-label={`Preview ${name}`}
          onClick={onPreview}
          disabled={preview?.status === 'loading'}
        >
          {preview?.status === 'loading' ? 'Previewing…' : 'Preview 10 rows'}
        </Button>
        {onRemove ? (
          <Button variant="danger" aria-label={`Remove ${name}`} onClick={onRemove}>
            Remove source
          </Button>
        ) : null}
      </div>
      <PreviewView name={name} preview={preview} />
    </fieldset>
  )
}
