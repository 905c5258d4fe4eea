import { useId, useState, type FormEvent } from 'react'
import type { LabelMode } from '@api/models'
import { selectDatasetsBusy } from '../../stores/datasets/selectors'
import { useDatasets, useStores } from '../../stores/hooks'
import { Dialog } from '../../components/Dialog'
import { parseLabelNames } from './form-values'
import { Button } from '../../components/Button'

export function CreateDatasetDialog({ onClose }: { onClose: () => void }) {
  const { datasets } = useStores()
  const busy = useDatasets(selectDatasetsBusy)
  const formId = useId()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [labelMode, setLabelMode] = useState<LabelMode>('multi')
  const [labels, setLabels] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const created = await datasets.getState().create({
      name: name.trim(),
      description,
      labelMode,
      labels: parseLabelNames(labels).map((n) => ({ name: n })),
    })
    if (created) onClose()
  }

  return (
    <Dialog
      title="New dataset"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" disabled={busy || !name.trim()}>
            Create dataset
          </Button>
        </>
      }
    >
      <form id={formId} className="form-grid" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>Name</span>
          <input
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea
            className="input textarea"
            value={description}
            rows={2}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <fieldset className="segmented">
          <legend>Labels per document</legend>
          <label className="segmented-option">
            <input
              type="radio"
              name="label-mode"
              checked={labelMode === 'multi'}
              onChange={() => setLabelMode('multi')}
            />
            Several (multi-label)
          </label>
          <label className="segmented-option">
            <input
              type="radio"
              name="label-mode"
              checked={labelMode === 'single'}
              onChange={() => setLabelMode('single')}
            />
            One (single-label)
          </label>
        </fieldset>
        <label className="field">
          <span>Labels (comma separated, optional)</span>
          <input
            className="input"
            value={labels}
            placeholder="positive, negative, neutral"
            onChange={(e) => setLabels(e.target.value)}
          />
        </label>
      </form>
    </Dialog>
  )
}
