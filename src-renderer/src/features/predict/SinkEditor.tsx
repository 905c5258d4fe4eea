import { CSV_FLAVOUR_HINT, CsvFlavourSelect } from '../../components/CsvFlavour'
import { Field, PathField } from '../../components/Field'
import { ConnectionSchemaTable } from './SourceEditor'
import type { FormErrors, SinkDraft, SinkKind } from './task-form'

const KINDS: { value: SinkKind; label: string }[] = [
  { value: 'csv', label: 'CSV file' },
  { value: 'sqlite', label: 'SQLite file' },
  { value: 'mariadb', label: 'MariaDB schema' },
]

export function SinkEditor(props: {
  draft: SinkDraft
  errors: FormErrors
  onChange: (draft: SinkDraft) => void
}) {
  const { draft, errors, onChange } = props
  const set = (patch: Partial<SinkDraft>) => onChange({ ...draft, ...patch })
  return (
    <fieldset className="pc-subpanel">
      <legend>Output destination</legend>
      <fieldset className="segmented">
        <legend>Write to</legend>
        {KINDS.map((k) => (
          <label key={k.value} className="segmented-option">
            <input
              type="radio"
              name="sink-kind"
              value={k.value}
              checked={draft.kind === k.value}
              onChange={() => set({ kind: k.value })}
            />
            {k.label}
          </label>
        ))}
      </fieldset>
      <div className="pc-form-grid">
        {draft.kind === 'mariadb' ? (
          <ConnectionSchemaTable
            connectionId={draft.connectionId}
            schema={draft.schema}
            errors={{ connectionId: errors['sink.connectionId'], schema: errors['sink.schema'] }}
            onChange={(patch) => set(patch)}
          />
        ) : (
          <PathField
            label="Output file path"
            browse={draft.kind === 'sqlite' ? 'predict-sqlite-output' : 'predict-csv-output'}
            error={errors['sink.path']}
            hint={
              draft.kind === 'sqlite'
                ? 'Optional: empty writes outputs/<task id>.sqlite in the workspace.'
                : 'An absolute path on the machine running the app.'
            }
            value={draft.path}
            onChange={(path) => set({ path })}
          />
        )}
        {draft.kind === 'csv' ? (
          <Field label="CSV for" hint={CSV_FLAVOUR_HINT}>
            {(p) => (
              <CsvFlavourSelect
                {...p}
                value={draft.csvFlavour}
                onChange={(csvFlavour) => set({ csvFlavour })}
              />
            )}
          </Field>
        ) : (
          <>
            <Field
              label="Output table"
              error={errors['sink.table']}
              hint="Created if missing; a unique key keeps replayed batches from duplicating rows."
            >
              {(p) => (
                <input
                  {...p}
                  className="input mono"
                  value={draft.table}
                  onChange={(e) => set({ table: e.target.value })}
                />
              )}
            </Field>
            <Field
              label="Route source ids to tables"
              className="pc-field-wide"
              error={errors['sink.routing']}
              hint="Optional, one per line: WH_F0001 → ptt. Others go to the output table."
            >
              {(p) => (
                <textarea
                  {...p}
                  className="input pc-textarea mono"
                  rows={3}
                  value={draft.routing}
                  onChange={(e) => set({ routing: e.target.value })}
                />
              )}
            </Field>
            {draft.routing.trim() ? (
              <Field label="Table name template" error={errors['sink.template']}>
                {(p) => (
                  <input
                    {...p}
                    className="input mono"
                    value={draft.template}
                    onChange={(e) => set({ template: e.target.value })}
                  />
                )}
              </Field>
            ) : null}
          </>
        )}
      </div>
    </fieldset>
  )
}
