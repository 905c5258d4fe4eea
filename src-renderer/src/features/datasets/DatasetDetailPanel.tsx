import { useState, type FormEvent } from 'react'
import type { DatasetDetail } from '@api/dto'
import { formatCount, formatTimestamp } from '../../lib/format'
import { selectDatasetsBusy } from '../../stores/datasets/selectors'
import { useDatasets, useStores } from '../../stores/hooks'
import { DeleteButton } from '../../components/DeleteButton'
import { ExportPanel } from './ExportPanel'
import { LabelEditor } from './LabelEditor'
import { SplitEditor } from './SplitEditor'
import { Button } from '../../components/Button'
import { LabeledSelect } from '../../components/Select'
import { LABEL_MODE_CHOICES } from './form-values'
import { LabeledText, LabeledTextArea } from '../../components/LabeledText'

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
      <LabeledText label="Name" aria-label="Dataset name" value={name} onChange={setName} />
      <LabeledTextArea
        label="Description"
        aria-label="Dataset description"
        rows={2}
        value={description}
        onChange={setDescription}
      />
      <div className="inline-form">
        <LabeledSelect
          label="Labels per document"
          inline
          value={dataset.labelMode}
          disabled={busy}
          choices={LABEL_MODE_CHOICES}
          onChange={(labelMode) => void datasets.getState().update({ id: dataset.id, labelMode })}
        />
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
          <DeleteButton
            name={dataset.name}
            noun="dataset"
            label="Delete"
            busy={busy}
            disabled={busy}
            onDelete={() => {
              void datasets.getState().remove(dataset.id)
            }}
          >
            <p>
              Its {dataset.documentCount} documents and {dataset.labeledCount} labeled documents go
              to the bin. You can undo this right after; the bin is emptied after 7 days.
            </p>
          </DeleteButton>
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
    </section>
  )
}
