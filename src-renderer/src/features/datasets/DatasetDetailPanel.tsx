import { useState, type FormEvent } from 'react'
import type { DatasetDetail } from '@api/models'
import { formatCount, formatTimestamp } from '../../lib/format'
import { selectDatasetsBusy } from '../../stores/datasets/selectors'
import { useDatasets, useStores } from '../../stores/hooks'
import { ConfirmDelete } from '../../components/Dialog'
import { ExportPanel } from './ExportPanel'
import { LabelEditor } from './LabelEditor'
import { SplitEditor } from './SplitEditor'
import { Button } from '../../components/Button'

function DetailsForm({ dataset }: { dataset: DatasetDetail }) {
  const { datasets } = useStores()
  const busy = useDatasets(selectDatasetsBusy)
  const [name, setName] = useState(dataset.name)
  const [description, setDescription] = useState(dataset.description)

  const dirty = name.trim() !== dataset.name || description !== dataset.description
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!dirty || !name.trim()) return
    void datasets.getState().update({
      id: dataset.id,
      ...(name.trim() !== dataset.name ? { name: name.trim() } : {}),
      ...(description !== dataset.description ? { description } : {}),
    })
  }

  return (
    <form className="form-grid" onSubmit={submit} aria-label="Dataset details">
      <label className="field">
        <span>Name</span>
        <input
          className="input"
          aria-label="Dataset name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea
          className="input textarea"
          aria-label="Dataset description"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <div className="inline-form">
        <label className="inline-field">
          <span>Labels per document</span>
          <select
            className="input"
            value={dataset.labelMode}
            disabled={busy}
            onChange={(e) =>
              void datasets.getState().update({
                id: dataset.id,
                labelMode: e.target.value === 'single' ? 'single' : 'multi',
              })
            }
          >
            <option value="multi">Several (multi-label)</option>
            <option value="single">One (single-label)</option>
          </select>
        </label>
        <Button type="submit" disabled={busy || !dirty || !name.trim()}>
          Save details
        </Button>
      </div>
    </form>
  )
}

export function DatasetDetailPanel({
  dataset,
  onImport,
}: {
  dataset: DatasetDetail
  onImport: () => void
}) {
  const { datasets, ui } = useStores()
  const busy = useDatasets(selectDatasetsBusy)
  const [confirmDelete, setConfirmDelete] = useState(false)

  // The Annotate screen opens the selected dataset (this one) when it mounts.
  const openAnnotate = () => ui.getState().navigate('annotate')

  return (
    <section className="panel dataset-detail" aria-label={`Dataset ${dataset.name}`}>
      <div className="panel-header">
        <h2>{dataset.name}</h2>
        <div className="button-row">
          <Button variant="primary" onClick={openAnnotate}>
            Annotate
          </Button>
          <Button onClick={onImport}>Import into…</Button>
          <Button disabled={busy} onClick={() => void datasets.getState().duplicate(dataset.id)}>
            Duplicate
          </Button>
          <Button variant="danger" disabled={busy} onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        </div>
      </div>
      <p className="hint">
        {formatCount(dataset.documentCount)} documents · {formatCount(dataset.labeledCount)} labeled
        · updated {formatTimestamp(dataset.updatedAt)}
      </p>
      {/* Remounted when the saved values change, so the fields show them. */}
      <DetailsForm
        key={`${dataset.id}\n${dataset.name}\n${dataset.description}`}
        dataset={dataset}
      />
      <LabelEditor dataset={dataset} />
      <SplitEditor key={`${dataset.id}\n${JSON.stringify(dataset.split)}`} dataset={dataset} />
      <ExportPanel dataset={dataset} />

      {confirmDelete ? (
        <ConfirmDelete
          name={dataset.name}
          noun="dataset"
          busy={busy}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false)
            void datasets.getState().remove(dataset.id)
          }}
        >
          <p>
            Its {dataset.documentCount} documents and {dataset.labeledCount} labeled documents go to
            the bin. You can undo this right after; the bin is emptied after 7 days.
          </p>
        </ConfirmDelete>
      ) : null}
    </section>
  )
}
