import { useEffect, useState, type FormEvent } from 'react'
import type { DatasetDetail, LabelSummary } from '@api/dto'
import { selectDatasetsBusy } from '../../stores/datasets/selectors'
import { useDatasets, useStores } from '../../stores/hooks'
import { ConfirmDialog } from '../../components/Dialog'
import { LabelSplit } from './LabelSplit'
import { ACTIONS_COLUMN, TableHead } from '../../components/TableHead'
import { Button } from '../../components/Button'
import { LabeledSelect } from '../../components/Select'

const SHORTCUT = /^[0-9a-z]$/

function LabelRow({
  datasetId,
  label,
  onDelete,
}: {
  datasetId: string
  label: LabelSummary
  onDelete: (label: LabelSummary) => void
}) {
  const { datasets } = useStores()
  const [name, setName] = useState(label.name)
  const [shortcut, setShortcut] = useState(label.shortcut ?? '')
  const [color, setColor] = useState(label.color)

  // The picker fires while the user drags: save once it rests.
  useEffect(() => {
    if (color.toLowerCase() === label.color.toLowerCase()) return
    const timer = setTimeout(
      () => void datasets.getState().updateLabel(datasetId, label.id, { color }),
      400,
    )
    return () => clearTimeout(timer)
  }, [color, label.color, label.id, datasetId, datasets])

  const saveName = () => {
    const next = name.trim()
    if (!next) return setName(label.name)
    if (next !== label.name)
      void datasets.getState().updateLabel(datasetId, label.id, { name: next })
  }
  const saveShortcut = (value: string) => {
    const key = value.trim().toLowerCase()
    setShortcut(key)
    if (key === (label.shortcut ?? '')) return
    if (key !== '' && !SHORTCUT.test(key)) return
    void datasets.getState().updateLabel(datasetId, label.id, { shortcut: key === '' ? null : key })
  }

  return (
    <tr>
      <td>
        <input
          type="color"
          className="color-input"
          aria-label={`Colour of ${label.name}`}
          value={color}
          onChange={(e) => setColor(e.target.value)}
        />
      </td>
      <td>
        <input
          className="input"
          aria-label={`Name of ${label.name}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={saveName}
          onKeyDown={(e) => {
            if (e.key === 'Enter') saveName()
            if (e.key === 'Escape') setName(label.name)
          }}
        />
      </td>
      <td>
        <input
          className="input shortcut-input"
          aria-label={`Shortcut key of ${label.name}`}
          maxLength={1}
          value={shortcut}
          onChange={(e) => saveShortcut(e.target.value)}
        />
      </td>
      <td className="num">{label.count}</td>
      <td>
        <Button
          small
          variant="danger"
          aria-label={`Delete label ${label.name}`}
          onClick={() => onDelete(label)}
        >
          Delete
        </Button>
      </td>
    </tr>
  )
}

export function LabelEditor({ dataset }: { dataset: DatasetDetail }) {
  const { datasets } = useStores()
  const busy = useDatasets(selectDatasetsBusy)
  const [newName, setNewName] = useState('')
  const [deleting, setDeleting] = useState<LabelSummary | null>(null)
  const [source, setSource] = useState('')
  const [target, setTarget] = useState('')
  const [merging, setMerging] = useState(false)
  const byId = (id: string) => dataset.labels.find((l) => String(l.id) === id)
  const sourceLabel = byId(source)
  const targetLabel = byId(target)

  const add = async (event: FormEvent) => {
    event.preventDefault()
    const name = newName.trim()
    if (!name) return
    if (await datasets.getState().addLabel(dataset.id, { name })) setNewName('')
  }

  return (
    <section className="panel-section" aria-label="Labels">
      <h3>Labels</h3>
      {dataset.labels.length > 0 ? (
        <table className="label-table">
          <TableHead
            columns={[
              'Colour',
              'Name',
              'Key',
              { label: 'Documents', className: 'num' },
              ACTIONS_COLUMN,
            ]}
          />
          <tbody>
            {dataset.labels.map((label) => (
              <LabelRow
                key={`${label.id}\n${label.name}\n${label.shortcut ?? ''}\n${label.color}`}
                datasetId={dataset.id}
                label={label}
                onDelete={setDeleting}
              />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">No labels yet. Add the first one below.</p>
      )}
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <input
          className="input"
          aria-label="New label name"
          placeholder="New label"
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
        />
        <Button type="submit" disabled={busy || !newName.trim()}>
          Add label
        </Button>
      </form>
      {dataset.labels.length >= 2 ? (
        <div className="inline-form">
          <LabeledSelect
            label="Merge"
            inline
            aria-label="Label to merge"
            value={source}
            onChange={setSource}
            placeholder="Choose…"
            choices={dataset.labels.map((l) => ({ value: String(l.id), label: l.name }))}
          />
          <label className="inline-field">
            <span>into</span>
            <select
              className="input"
              aria-label="Merge into label"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            >
              <option value="">Choose…</option>
              {dataset.labels
                .filter((l) => String(l.id) !== source)
                .map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
            </select>
          </label>
          <Button
            disabled={busy || !sourceLabel || !targetLabel || source === target}
            onClick={() => setMerging(true)}
          >
            Merge labels
          </Button>
        </div>
      ) : null}
      <LabelSplit dataset={dataset} />

      {deleting ? (
        <ConfirmDialog
          title={`Delete label "${deleting.name}"?`}
          confirmLabel="Delete label"
          danger
          busy={busy}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const label = deleting
            setDeleting(null)
            void datasets.getState().deleteLabel(dataset.id, label)
          }}
        >
          <p>
            {deleting.count > 0
              ? `${deleting.count} documents carry this label. Their "${deleting.name}" annotations will be removed; the documents stay.`
              : 'No document carries this label.'}
          </p>
        </ConfirmDialog>
      ) : null}
      {merging && sourceLabel && targetLabel ? (
        <ConfirmDialog
          title={`Merge "${sourceLabel.name}" into "${targetLabel.name}"?`}
          confirmLabel="Merge"
          busy={busy}
          onCancel={() => setMerging(false)}
          onConfirm={() => {
            setMerging(false)
            setSource('')
            setTarget('')
            void datasets.getState().mergeLabels(dataset.id, sourceLabel.id, targetLabel.id)
          }}
        >
          <p>
            {sourceLabel.count} documents labeled "{sourceLabel.name}" will carry "
            {targetLabel.name}" instead, and "{sourceLabel.name}" will be removed.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}
