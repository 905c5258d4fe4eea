import { formatTimestamp } from '../../lib/format'
import { usePredict } from '../../stores/hooks'
import { selectExclusionSets, selectModelVersions } from '../../stores/predict/selectors'
import { Field, PathField, TextField } from '../../components/Field'
import { baselineWarning } from '../models/report'
import {
  emptyLabel,
  TEXT_FIELDS,
  type ExclusionChoice,
  type FormErrors,
  type KeywordLabelDraft,
  type ModelDraft,
  type ModelKind,
} from './task-draft'
import { parseKeywords } from './draft-text'
import { versionLabel, versionNumbers, versionTitle } from '../../lib/model-labels'
import { Button } from '../../components/Button'
import { RadioGroup } from '../../components/RadioGroup'
import { Select } from '../../components/Select'

const EXCLUSION_CHOICES: { value: ExclusionChoice; label: string }[] = [
  { value: 'default', label: 'As trained' },
  { value: 'none', label: 'None' },
  { value: 'chosen', label: 'Choose sets' },
]

const FIELD_CHOICES = TEXT_FIELDS.map((f) => ({ value: f.field, label: f.label }))

const MODEL_KINDS: { value: ModelKind; label: string }[] = [
  { value: 'keywords', label: 'Keyword model (typed here)' },
  { value: 'version', label: 'Saved model version' },
  { value: 'file', label: 'Model file (.audmodel)' },
]

interface ModelEditorProps {
  index: number
  draft: ModelDraft
  errors: FormErrors
  onChange: (draft: ModelDraft) => void
  onRemove: (() => void) | null
}

/** " · ⚠ no better than always predicting female" for a version below its trivial baseline. */
const baselineOption = (v: Parameters<typeof baselineWarning>[0]): string => {
  const warning = baselineWarning(v)
  return warning ? ` · ⚠ ${warning.charAt(0).toLowerCase()}${warning.slice(1)}` : ''
}

export function ModelEditor({ index, draft, errors, onChange, onRemove }: ModelEditorProps) {
  const prefix = `models.${index}`
  const err = (path: string) => errors[`${prefix}.${path}`]
  const set = (patch: Partial<ModelDraft>) => onChange({ ...draft, ...patch })
  const versions = usePredict(selectModelVersions)
  const sets = usePredict(selectExclusionSets)
  const versionList = versions?.status === 'ready' ? versions.value : []
  const setList = sets?.status === 'ready' ? sets.value : []
  const numbers = versionNumbers(versionList)
  const name = `Model ${index + 1}`
  const setLabel = (i: number, patch: Partial<KeywordLabelDraft>) =>
    set({ labels: draft.labels.map((l, j) => (j === i ? { ...l, ...patch } : l)) })

  return (
    <fieldset className="pc-subpanel">
      <legend>{name}</legend>
      <div className="pc-form-grid">
        <Field label="Model kind">
          {(p) => (
            <Select
              {...p}
              value={draft.kind}
              choices={MODEL_KINDS}
              onChange={(kind) => set({ kind })}
            />
          )}
        </Field>
        <Field
          label="Reads field"
          error={err('field')}
          hint={
            draft.kind === 'file' ? 'Default: the field it was trained on.' : 'Default: content.'
          }
        >
          {(p) => (
            <Select
              {...p}
              value={draft.field}
              placeholder="Default"
              choices={FIELD_CHOICES}
              onChange={(field) => set({ field })}
            />
          )}
        </Field>
        {draft.kind === 'version' ? (
          <Field
            label="Model version"
            className="pc-field-wide"
            error={
              err('versionId') ??
              (versions?.status === 'error'
                ? `Could not list models: ${versions.message}`
                : undefined)
            }
            {...(versions?.status === 'ready' && versionList.length === 0
              ? { hint: 'No saved models yet: train or import one on the Models screen.' }
              : {})}
          >
            {(p) => (
              <select
                {...p}
                className="input"
                value={draft.versionId}
                title={draft.versionId ? versionTitle({ id: draft.versionId }) : undefined}
                onChange={(e) => set({ versionId: e.target.value })}
              >
                <option value="">
                  {versions?.status === 'loading' ? 'Loading…' : 'Pick a model version…'}
                </option>
                {versionList.map((v) => (
                  <option key={v.id} value={v.id} title={versionTitle(v)}>
                    {`${versionLabel(v, numbers)} · ${v.kind} on ${v.field} · ${v.labels.join(', ')}${
                      v.macroF1 !== null ? ` · macro F1 ${v.macroF1.toFixed(2)}` : ''
                    }${baselineOption(v)} · ${formatTimestamp(v.createdAt)}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : draft.kind === 'file' ? (
          <PathField
            label="Model file path"
            browse="model-file"
            error={err('path')}
            hint="A .audmodel file, written by `audience train` or exported from the Models screen."
            value={draft.path}
            onChange={(path) => set({ path })}
          />
        ) : (
          <>
            <TextField
              label="Model name"
              error={err('name')}
              value={draft.name}
              onChange={(value) => set({ name: value })}
            />
            <TextField
              label="Version"
              hint="Recorded with every output row."
              value={draft.version}
              onChange={(value) => set({ version: value })}
            />
          </>
        )}
      </div>
      {draft.kind !== 'keywords' ? (
        <div className="pc-form-grid">
          <TextField
            label="Review below"
            hint="Optional: rows whose best score is under it are written with the review label instead of the guess. One score, or label=score pairs (parent=0.3, pet=0.2)."
            error={err('reviewBelow') ?? err('review')}
            inputMode="decimal"
            value={draft.reviewBelow}
            onChange={(reviewBelow) => set({ reviewBelow })}
          />
          <TextField
            label="Review label"
            placeholder="review"
            error={err('review.label')}
            value={draft.reviewLabel}
            onChange={(reviewLabel) => set({ reviewLabel })}
          />
        </div>
      ) : null}
      <RadioGroup
        legend="Exclusion sets"
        name={`exclusions-${draft.key}`}
        value={draft.exclusions}
        choices={EXCLUSION_CHOICES}
        onChange={(value) => set({ exclusions: value })}
      />
      {draft.exclusions === 'default' ? (
        <p className="hint">
          {draft.kind === 'version'
            ? 'The sets this version was trained with run before it labels.'
            : 'Keyword models and files were trained with none, so texts are labeled as read.'}
        </p>
      ) : null}
      {draft.exclusions === 'chosen' ? (
        <fieldset className="pc-checks">
          <legend className="pc-visually-hidden">{`${name} exclusion sets`}</legend>
          {sets?.status === 'error' ? (
            <p className="pc-inline-error">Could not list exclusion sets: {sets.message}</p>
          ) : setList.length === 0 ? (
            <p className="hint">No exclusion sets yet: make them on the Preprocessing screen.</p>
          ) : (
            setList.map((x) => (
              <label key={x.id} className="pc-check">
                <input
                  type="checkbox"
                  checked={draft.exclusionSetIds.includes(x.id)}
                  onChange={(e) =>
                    set({
                      exclusionSetIds: e.target.checked
                        ? [...draft.exclusionSetIds, x.id]
                        : draft.exclusionSetIds.filter((id) => id !== x.id),
                    })
                  }
                />
                {x.name} ({x.mode}, {x.patterns.length} patterns)
              </label>
            ))
          )}
          {err('exclusions') ? <p className="pc-inline-error">{err('exclusions')}</p> : null}
        </fieldset>
      ) : null}
      {draft.kind === 'keywords' ? (
        <div className="pc-keyword-labels">
          {err('labels') ? <p className="pc-inline-error">{err('labels')}</p> : null}
          {draft.labels.map((l, i) => (
            <fieldset key={l.key} className="pc-keyword-label">
              <legend>{`${name} label ${i + 1}`}</legend>
              <TextField
                label="Label"
                error={err(`labels.${i}.label`)}
                value={l.label}
                onChange={(value) => setLabel(i, { label: value })}
              />
              <Field
                label="Keywords"
                error={err(`labels.${i}.keywords`)}
                hint={`One per line, matched case-insensitively; a pasted rules file works too (${parseKeywords(l.keywords).length} keywords).`}
              >
                {(p) => (
                  <textarea
                    {...p}
                    className="input pc-textarea"
                    rows={4}
                    value={l.keywords}
                    onChange={(e) => setLabel(i, { keywords: e.target.value })}
                  />
                )}
              </Field>
              {draft.labels.length > 1 ? (
                <Button
                  small
                  variant="danger"
                  aria-label={`Remove ${name} label ${i + 1}`}
                  onClick={() => set({ labels: draft.labels.filter((_, j) => j !== i) })}
                >
                  Remove label
                </Button>
              ) : null}
            </fieldset>
          ))}
        </div>
      ) : null}
      <div className="button-row">
        {draft.kind === 'keywords' ? (
          <Button
            aria-label={`Add a label to ${name}`}
            onClick={() => set({ labels: [...draft.labels, emptyLabel()] })}
          >
            Add label
          </Button>
        ) : null}
        {onRemove ? (
          <Button variant="danger" aria-label={`Remove ${name}`} onClick={onRemove}>
            Remove model
          </Button>
        ) : null}
      </div>
    </fieldset>
  )
}
